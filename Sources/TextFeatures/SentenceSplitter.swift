/// One sentence found by `SentenceSplitter`.
public struct Sentence: Sendable, Equatable {
    /// The sentence with surrounding whitespace trimmed. Line breaks inside it (a hard-wrapped
    /// sentence) are turned into single spaces; everything else is kept as written, including a
    /// bullet marker ("- ", "1. ") at its start.
    public let text: String
    /// Where the trimmed sentence sits in the original string (line breaks not collapsed).
    public let range: Range<String.Index>

    public init(text: String, range: Range<String.Index>) {
        self.text = text
        self.range = range
    }
}

/// Splits news prose into sentences.
///
/// The text is read as UTF-8 bytes in one pass over its lines and one pass over each block of
/// lines; abbreviation tables are consulted only at a period that is followed by whitespace.
///
/// Structure (decided per line, before punctuation is looked at):
/// - A blank line always ends a sentence, so a headline or byline without terminal punctuation
///   followed by a blank line is a sentence of its own.
/// - A line at most half the usual line length (90th percentile) that does not read as wrapped
///   also ends a sentence: a headline or byline directly over its story, a signature, an address.
/// - A bullet item ("- ", "* ", "+ ", "• ", "– ", "1. ", "2) ", "(a) ", "a) ") starts a new
///   sentence and ends at the end of its line, unless the next line is indented or starts in
///   lower case (a wrapped item). The marker is KEPT in the sentence text, as in the labelled
///   articles under Data/articles. A line before a bullet ends a sentence ("Iran:" then "- …").
/// - A Markdown heading ("# …") is a sentence of its own.
/// - Otherwise a single line break is whitespace, unless the text is one sentence per line
///   (`LineBreakPolicy`), in which case every line break ends a sentence.
///
/// Punctuation (inside a block of lines):
/// - "?" and "!" end a sentence when whitespace and then a capital, a digit, a currency sign or an
///   opening quote/bracket follow. Exception: after a closing quote, a short run of capitalised
///   name words followed by a speech verb is the attribution of the same sentence
///   (`"Why now?" Mr. Kim asked.`).
/// - Closing quotes and brackets right after the terminal belong to the sentence that ends
///   (`… he said." Next`, `(The talks ended.) Next`).
/// - A period followed directly by a letter, digit, comma or hyphen never ends a sentence, which
///   keeps decimals and figures ($3.5 billion, 2.5%, 10.30 a.m.), "U.S.-led" and web addresses.
/// - A period after an ordinary word ends the sentence when a capital, digit, currency sign or
///   opening quote/bracket follows. The word before the period changes that:
///   * titles (Mr., Gen., Sen., Dr., Lt., …), e.g./i.e./vs./approx.: never a boundary;
///   * No./Art./Vol./Fig./pp. before a digit ("No. 2"): not a boundary; otherwise an ordinary word;
///   * months (Jan. … Sept. … Dec.), company and name suffixes (Inc., Corp., Ltd., Co., Jr., Sr.),
///     St., street words, US state abbreviations (Calif., Tenn.), single-letter initials
///     ("John F. Kennedy") and unknown dotted capitals ("H.R. McMaster"): a boundary only
///     before a clear sentence start — a closed-class word that begins sentences and is not a
///     name (The, He, But, In, …), Mr./Mrs./Ms./Dr., or an opening quote or bracket;
///   * a single-letter initial that is itself the first word of the sentence (transcript
///     "Q." and "A.") never ends it;
///   * U.S., U.N., U.K., E.U., D.C. and similar: a boundary before any capitalised word that is
///     not a name-like continuation (U.S. Navy, U.N. Security Council, U.S. Trade Representative,
///     U.S. Sen. …); so "in the U.S. The next day" and "to the U.N. China" split, while
///     "U.S. Treasury officials" does not. A title after U.S. ("U.S. President") is read as a
///     continuation, which is wrong when a sentence ends with U.S. and the next starts with it;
///   * a.m./p.m.: a boundary before a capitalised word unless it is a day, a time zone, or the
///     word before "time" ("9 a.m. Seoul time");
///   * etc. is an ordinary word (it ends a sentence before a capital).
/// - An ellipsis ("..." or "…") ends a sentence only when whitespace and a capitalised word follow
///   AND it is not inside an open quotation (curly quotes, or straight double quotes counted
///   within the paragraph): a quotation that goes on after the ellipsis is one sentence
///   ("“We tried … Nobody listened,” she said."), while "… the end.” Next" closes the quote first.
///   In a headline (a single line without terminal punctuation) an ellipsis never splits.
///
/// Known failures: a sentence ending in a company suffix or an initial before a name
/// ("… Harwick Shipping Inc. Harwick's ships …") is not split; nor is "… the U.S. President
/// Halvorsen said …" when U.S. ends the sentence; an abbreviation missing from the tables splits
/// before a capital; a numbered list run into one paragraph ("1. … 2. …") is not split at the
/// numbers; a spaced ellipsis (". . .") is read as three periods; a wrapped line that happens to
/// start with "1. " or "- " is read as a bullet item.
public struct SentenceSplitter: Sendable {
    /// How a single line break (not a blank line) is read.
    public enum LineBreakPolicy: Sendable, Equatable {
        /// Decide from the text: every line break ends a sentence when, over the line breaks
        /// inside paragraphs (bullets and headings aside), most lines end with terminal
        /// punctuation, or when there are at least two such breaks, all lines are short
        /// (≤ 100 bytes) and none reads as a wrapped line (a list of headlines). Either way at
        /// most one break in four may look wrapped (next line starts in lower case, or the line
        /// ends with a comma, dash, hyphen, opening bracket or a word such as "the", "of"); in
        /// hard-wrapped prose most breaks do.
        /// Only breaks inside paragraphs are counted because the last line of every
        /// hard-wrapped paragraph also ends with a period and would outvote the rest.
        case automatic
        /// One sentence per line: every line break ends a sentence.
        case sentencePerLine
        /// A single line break is whitespace (hard-wrapped prose); blank lines, bullets and
        /// headings still end sentences.
        case wrapped
    }

    public var lineBreaks: LineBreakPolicy

    public init(lineBreaks: LineBreakPolicy = .automatic) {
        self.lineBreaks = lineBreaks
    }

    public func split(_ text: String) -> [Sentence] {
        var native = text
        let found: [(Range<Int>, String)] = native.withUTF8 { bytes in
            let scanner = SentenceScanner(bytes: bytes)
            return sentenceByteRanges(scanner).map { ($0, scanner.sentenceText($0)) }
        }
        // String.UTF8View offsets are O(1) on native strings, so this stays linear.
        let utf8 = text.utf8
        var result: [Sentence] = []
        result.reserveCapacity(found.count)
        var cursor = utf8.startIndex
        var cursorOffset = 0
        for (range, sentence) in found {
            let lower = utf8.index(cursor, offsetBy: range.lowerBound - cursorOffset)
            let upper = utf8.index(lower, offsetBy: range.count)
            cursor = upper
            cursorOffset = range.upperBound
            result.append(Sentence(text: sentence, range: lower..<upper))
        }
        return result
    }

    /// The sentences as byte ranges of UTF-8 text (trimmed of surrounding whitespace).
    public func sentenceByteRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        sentenceByteRanges(SentenceScanner(bytes: bytes))
    }

    /// Whether `.automatic` would read this text as one sentence per line.
    public func readsAsSentencePerLine(_ text: String) -> Bool {
        var native = text
        return native.withUTF8 { bytes in
            let scanner = SentenceScanner(bytes: bytes)
            return scanner.prefersLineMode(scanner.lines())
        }
    }

    private func sentenceByteRanges(_ scanner: SentenceScanner) -> [Range<Int>] {
        let lines = scanner.lines()
        let lineMode: Bool
        switch lineBreaks {
        case .automatic: lineMode = scanner.prefersLineMode(lines)
        case .sentencePerLine: lineMode = true
        case .wrapped: lineMode = false
        }
        let width = lineBreaks == .automatic ? scanner.typicalLineLength(lines) : 0
        var result: [Range<Int>] = []
        var i = 0
        while i < lines.count {
            if lines[i].isBlank { i += 1; continue }
            var paragraphEnd = i
            while paragraphEnd + 1 < lines.count && !lines[paragraphEnd + 1].isBlank { paragraphEnd += 1 }
            while i <= paragraphEnd {
                let isBulletItem = lines[i].isBullet
                var j = i
                while j < paragraphEnd {
                    let current = lines[j], next = lines[j + 1]
                    if lineMode || next.isBullet || next.isHeading || current.isHeading { break }
                    // A line at most half the usual line length that does not read as wrapped was
                    // broken on purpose: a headline or byline over its story, a signature, an
                    // address. (Greedy wrapping never leaves a short line inside a paragraph.)
                    if width > 0 && (current.contentEnd - current.contentStart) * 2 <= width
                        && !scanner.looksWrapped(current, next: next) {
                        break
                    }
                    // A bullet item continues only onto an indented or lower-case line.
                    if isBulletItem && !(next.contentStart > next.start || scanner.startsLowercase(next.contentStart)) {
                        break
                    }
                    j += 1
                }
                // A single line without terminal punctuation is a headline: an ellipsis in it
                // ("The Art of Saying Nothing … Slowly") does not end a sentence.
                let headline = i == j && !scanner.endsWithTerminal(lines[i]) && !scanner.endsWithClausePunctuation(lines[i])
                scanner.scanBlock(lines[i].contentStart, lines[j].contentEnd, from: lines[i].markerEnd,
                                  headline: headline, into: &result)
                i = j + 1
            }
        }
        return result
    }
}

// MARK: - Word lists

fileprivate enum SentenceLexicon {
    /// Titles that stand before a name and never end a sentence.
    static let titles: Set<String> = withUppercase([
        "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Gen", "Gens", "Col", "Cols", "Lt", "Sen", "Sens",
        "Rep", "Reps", "Gov", "Govs", "Pres", "Prof", "Profs", "Adm", "Sgt", "Capt", "Maj", "Rev", "Hon",
        "Amb", "Cmdr", "Cpl", "Pvt", "Brig", "Fr", "Msgr", "Supt", "Atty", "Insp", "Sec", "Asst", "Dep",
        "Rt", "Mt", "Ft", "Lieut", "Gov't",
    ])
    /// Never end a sentence, whatever follows.
    static let neverFinal: Set<String> = ["vs", "v", "e.g", "i.e", "E.g", "I.e", "cf", "viz", "approx", "Approx",
                                          "ca", "incl", "esp"]
    /// Abbreviations that stand before a number ("No. 2", "Art. 5", "pp. 10").
    static let beforeNumber: Set<String> = ["No", "Nos", "no", "nos", "NO", "Art", "Vol", "Fig", "Ch", "Pt",
                                            "pp", "p", "Para", "para", "Nr"]
    /// Month abbreviations: usually before a day or year.
    static let months: Set<String> = withUppercase(["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
                                                     "Oct", "Nov", "Dec"])
    /// Abbreviations that often end a sentence but also sit before names or other words.
    static let suffixes: Set<String> = withUppercase([
        "Inc", "Corp", "Ltd", "Co", "Cos", "Jr", "Sr", "Bros", "Esq", "Plc", "LLC", "LLP", "St", "Ave", "Blvd",
        "Rd", "Dept", "Univ", "Assn", "Intl", "al", "ret", "Ph.D", "M.D", "B.A", "M.A",
        // US state abbreviations in news style.
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky",
        "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn",
        "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
    ])
    /// Dotted acronyms of places and bodies that end sentences often enough to split before
    /// any capitalised word that is not a continuation.
    static let acronyms: Set<String> = ["U.S", "U.N", "U.K", "E.U", "U.S.A", "D.C", "U.A.E", "P.R.C", "D.P.R.K",
                                        "R.O.K", "U.S.S.R", "N.Y", "L.A", "N.J", "S.C", "N.C"]
    /// Capitalised words that continue a name after U.S./U.N./E.U. ("U.S. Navy", "U.N. Security Council").
    static let acronymContinuations: Set<String> = [
        "Treasury", "Navy", "Naval", "Army", "Air", "Marine", "Marines", "Coast", "Forces", "Force", "Military",
        "Trade", "Chamber", "Security", "General", "Secretary", "Embassy", "Embassies", "Ambassador",
        "Ambassadors", "Envoy", "Mission", "Senate", "Senator", "Senators", "House", "Congress", "Congressman",
        "Congresswoman", "Representative", "Representatives", "President", "Vice", "Deputy", "Special", "Chief",
        "Department", "State", "Defense", "Justice", "Commerce", "Agriculture", "Energy", "Homeland", "Customs",
        "Census", "Federal", "Supreme", "District", "Court", "Courts", "Attorney", "Attorneys", "Steel", "Open",
        "Constitution", "Capitol", "Institute", "Agency", "Central", "Pacific", "Indo", "Indo-Pacific", "Northern",
        "Southern", "European", "Africa", "Cyber", "Space", "Strategic", "National", "Intelligence", "Global",
        "International", "Export", "Securities", "Soybean", "Government", "Administration", "Command",
        "Commander", "Commission", "Commissioner", "Council", "Charter", "Human", "Humanitarian", "Refugee",
        "Children's", "World", "Office", "Peacekeeping", "Relief", "Development", "Food", "Panel", "Nuclear",
        "Atomic", "Arms", "Disarmament", "Sanctions", "Foreign", "Prime", "Parliament", "High", "Permanent",
        "Delegation", "Delegate", "Negotiator", "Negotiators", "Team", "Officials", "Diplomat", "Diplomats",
        "Circuit", "Economic", "Monetary", "Dollar", "Postal", "Patent", "Geological", "Olympic",
        "Sen", "Sens", "Rep", "Reps", "Gen", "Gens", "Adm", "Amb", "Gov", "Lt", "Col", "Maj", "Capt", "Sgt",
        "Cmdr", "Asst", "Dep",
    ]
    /// Words that follow "a.m."/"p.m." inside the same sentence.
    static let timeContinuations: Set<String> = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Eastern", "Central", "Pacific", "Mountain", "Atlantic", "Greenwich", "GMT", "UTC", "EST", "EDT", "CST",
        "CDT", "PST", "PDT", "MST", "MDT", "ET", "PT", "CT", "BST", "CET", "CEST", "KST", "JST", "IST", "EET",
    ]
    /// Closed-class words (and a few plural subject nouns) that often begin a sentence and are
    /// not names; after an abbreviation or an initial they signal a new sentence.
    static let starters: Set<String> = [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My",
        "Your", "This", "That", "These", "Those", "There", "Here", "But", "And", "Or", "Yet", "So", "Nor", "In",
        "On", "At", "For", "With", "Without", "After", "Before", "When", "While", "If", "As", "Although", "Though",
        "Since", "Because", "Once", "Until", "Unless", "Still", "Meanwhile", "However", "Instead", "Now", "Then",
        "Later", "Earlier", "Yesterday", "Today", "Tomorrow", "Some", "Many", "Most", "Several", "Few", "All",
        "Both", "Each", "Every", "Such", "No", "Not", "Neither", "Either", "What", "Why", "How", "Who", "Whom",
        "Whose", "Where", "Which", "Under", "By", "From", "Over", "During", "Despite", "Also", "Last", "Next",
        "One", "Two", "Three", "Four", "Five", "Among", "Even", "Only", "Another", "Other", "Others", "More",
        "Much", "Any", "Nothing", "None", "Everyone", "Nobody", "Let", "Does", "Did", "Is", "Are", "Was",
        "Were", "Would", "Could", "Should", "Has", "Have", "Had", "Whether", "Whatever", "To", "Of", "Yes",
        "According", "Amid", "Against", "Beyond", "Unlike", "Besides", "Nevertheless", "Nonetheless",
        "Moreover", "Furthermore", "Indeed", "Thus", "Therefore", "Otherwise", "Perhaps", "Maybe", "Already",
        "Again", "Never", "Often", "Sometimes", "Just", "First", "Second", "Third", "Finally", "Asked",
        "Speaking", "Officials", "Analysts", "Critics", "Diplomats", "Negotiators", "Experts", "Lawmakers",
        "Talks", "Nor", "Similar", "Separately", "Elsewhere",
    ]
    /// Titles that, after an abbreviation, start the next sentence ("… Inc. Mr. Lee said").
    static let sentenceTitles: Set<String> = ["Mr", "Mrs", "Ms", "Dr", "Messrs"]
    /// Verbs of an attribution after a quoted question or exclamation.
    static let speechVerbs: Set<String> = [
        "said", "says", "asked", "asks", "added", "adds", "told", "tells", "wrote", "writes", "replied",
        "replies", "insisted", "insists", "demanded", "demands", "wondered", "wonders", "shouted", "declared",
        "countered", "noted", "argued", "tweeted", "posted", "quipped", "recalled", "exclaimed",
    ]
    /// Words that end a wrapped line more often than a headline.
    static let lineContinuers: Set<String> = ["the", "a", "an", "of", "to", "and", "or", "for", "with", "by",
                                              "from", "that", "its", "their", "his", "her", "but"]

    private static func withUppercase(_ words: [String]) -> Set<String> {
        Set(words + words.map { $0.uppercased() })
    }
}

// MARK: - SentenceScanner

/// One line of the input: byte offsets into the UTF-8 text.
fileprivate struct SplitterLine {
    var start: Int
    var contentStart: Int
    var contentEnd: Int
    /// Where the text after a bullet marker starts (contentStart when there is no marker).
    var markerEnd: Int
    var isHeading: Bool
    var isBullet: Bool { markerEnd > contentStart }
    var isBlank: Bool { contentStart >= contentEnd }
}

fileprivate struct SentenceScanner {
    let b: UnsafeBufferPointer<UInt8>

    init(bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    // MARK: Characters

    /// The scalar at `p` and its width in bytes (U+FFFD, width 1, for malformed input).
    @inline(__always)
    func scalar(at p: Int) -> (UInt32, Int) {
        let x = b[p]
        if x < 0x80 { return (UInt32(x), 1) }
        let width = x >= 0xF0 ? 4 : x >= 0xE0 ? 3 : x >= 0xC0 ? 2 : 1
        guard width > 1, p + width <= b.count else { return (0xFFFD, 1) }
        var value = UInt32(x) & (width == 4 ? 0x07 : width == 3 ? 0x0F : 0x1F)
        for k in 1..<width { value = (value << 6) | (UInt32(b[p + k]) & 0x3F) }
        return (value, width)
    }

    /// The scalar ending just before `p` and its width.
    @inline(__always)
    func scalar(before p: Int) -> (UInt32, Int) {
        var q = p - 1
        while q > 0 && p - q < 4 && b[q] & 0xC0 == 0x80 { q -= 1 }
        let (v, w) = scalar(at: q)
        return w == p - q ? (v, w) : (0xFFFD, 1)
    }

    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default: return false
        }
    }

    @inline(__always)
    static func isOpener(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0x201C, 0x2018, 0xAB, 0xBF, 0xA1: return true
        default: return false
        }
    }

    @inline(__always)
    static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x201D, 0x2019, 0xBB: return true
        default: return false
        }
    }

    @inline(__always)
    static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isUppercase || s.properties.generalCategory == .titlecaseLetter
    }

    @inline(__always)
    static func isLower(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isLowercase
    }

    @inline(__always)
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isAlphabetic
    }

    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return Unicode.Scalar(v)?.properties.generalCategory == .decimalNumber
    }

    @inline(__always)
    static func isCurrency(_ v: UInt32) -> Bool {
        v == 0x24 || v == 0xA3 || v == 0xA5 || v == 0x20AC
    }

    func startsLowercase(_ p: Int) -> Bool {
        p < b.count && SentenceScanner.isLower(scalar(at: p).0)
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
    }

    // MARK: Lines

    func lines() -> [SplitterLine] {
        var result: [SplitterLine] = []
        var start = 0
        let n = b.count
        while start <= n {
            var end = start
            while end < n && b[end] != 0x0A { end += 1 }
            var cs = start
            while cs < end {
                let (v, w) = scalar(at: cs)
                if !SentenceScanner.isSpace(v) { break }
                cs += w
            }
            var ce = end
            while ce > cs {
                let (v, w) = scalar(before: ce)
                if !SentenceScanner.isSpace(v) { break }
                ce -= w
            }
            let marker = cs < ce ? bulletMarkerEnd(at: cs, end: ce) : nil
            let heading = cs < ce && marker == nil && isHeadingMarker(at: cs, end: ce)
            result.append(SplitterLine(start: start, contentStart: cs, contentEnd: ce, markerEnd: marker ?? cs,
                                       isHeading: heading))
            if end == n { break }
            start = end + 1
        }
        return result
    }

    /// The end of a bullet marker at `p` — "- ", "* ", "+ ", "• ", "‣ ", "◦ ", "▪ ", "– ", "1. ",
    /// "12) ", "(3) ", "(a) ", "a) " — or nil. The period of "1. " must not be read as a full stop.
    func bulletMarkerEnd(at p: Int, end: Int) -> Int? {
        func spaceAt(_ q: Int) -> Bool { q < end && (b[q] == 0x20 || b[q] == 0x09 || scalar(at: q).0 == 0xA0) }
        let (v, w) = scalar(at: p)
        switch v {
        case 0x2D, 0x2A, 0x2B, 0x2022, 0x2023, 0x25E6, 0x25AA, 0x2013, 0xB7:
            return spaceAt(p + w) ? p + w : nil
        default: break
        }
        var q = p
        if b[q] == 0x28 { // "(3) " or "(a) "
            q += 1
            let s = q
            while q < end && q - s < 3 && b[q] >= 0x30 && b[q] <= 0x39 { q += 1 }
            if q == s, q < end, b[q] >= 0x61, b[q] <= 0x7A { q += 1 }
            return q > s && q < end && b[q] == 0x29 && spaceAt(q + 1) ? q + 1 : nil
        }
        while q < end && q - p < 3 && b[q] >= 0x30 && b[q] <= 0x39 { q += 1 }
        if q > p {
            return q < end && (b[q] == 0x2E || b[q] == 0x29) && spaceAt(q + 1) ? q + 1 : nil
        }
        // "a) " — a single lower-case letter and a closing parenthesis.
        return b[p] >= 0x61 && b[p] <= 0x7A && p + 1 < end && b[p + 1] == 0x29 && spaceAt(p + 2) ? p + 2 : nil
    }

    func isHeadingMarker(at p: Int, end: Int) -> Bool {
        var q = p
        while q < end && b[q] == 0x23 && q - p < 6 { q += 1 }
        return q > p && q < end && b[q] == 0x20
    }

    /// Whether the last scalar of the line, before any closing quotes or brackets, is . ? ! or ….
    func endsWithTerminal(_ line: SplitterLine) -> Bool {
        var e = line.contentEnd
        while e > line.contentStart {
            let (v, w) = scalar(before: e)
            if SentenceScanner.isCloser(v) { e -= w; continue }
            return v == 0x2E || v == 0x3F || v == 0x21 || v == 0x2026
        }
        return false
    }

    /// Whether the break after `line` looks like a wrapped line rather than a sentence per line.
    func looksWrapped(_ line: SplitterLine, next: SplitterLine) -> Bool {
        if startsLowercase(next.contentStart) { return true }
        let (v, w) = scalar(before: line.contentEnd)
        switch v {
        case 0x2C, 0x2D, 0x2014, 0x2013, 0x28: return true
        default: break
        }
        // The last word, if it is one that a headline hardly ends with.
        var s = line.contentEnd - w
        guard s >= line.contentStart, SentenceScanner.isLower(v) else { return false }
        while s > line.contentStart {
            let (u, uw) = scalar(before: s)
            if !SentenceScanner.isLetter(u) { break }
            s -= uw
        }
        let last = line.contentEnd - s <= 5 ? string(s..<line.contentEnd) : ""
        return SentenceLexicon.lineContinuers.contains(last)
    }

    /// Whether the line ends with a colon, semicolon or comma (a lead-in or list item, not a headline).
    func endsWithClausePunctuation(_ line: SplitterLine) -> Bool {
        guard line.contentEnd > line.contentStart else { return false }
        let c = b[line.contentEnd - 1]
        return c == 0x3A || c == 0x3B || c == 0x2C
    }

    /// The 90th percentile of the lengths of the non-blank lines, in bytes: the wrap width of
    /// hard-wrapped text, or the length of a long paragraph when paragraphs are single lines.
    /// (A percentile rather than the maximum, so one long line does not set the scale.)
    func typicalLineLength(_ lines: [SplitterLine]) -> Int {
        var lengths = lines.compactMap { $0.isBlank ? nil : $0.contentEnd - $0.contentStart }
        guard !lengths.isEmpty else { return 0 }
        lengths.sort()
        return lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
    }

    func prefersLineMode(_ lines: [SplitterLine]) -> Bool {
        var breaks = 0, terminal = 0, wrapped = 0
        var allShort = true
        for i in lines.indices.dropLast() {
            let cur = lines[i], next = lines[i + 1]
            if cur.isBlank || next.isBlank || cur.isBullet || next.isBullet || cur.isHeading || next.isHeading {
                continue
            }
            breaks += 1
            if endsWithTerminal(cur) { terminal += 1 }
            if looksWrapped(cur, next: next) { wrapped += 1 }
            if cur.contentEnd - cur.contentStart > 100 || next.contentEnd - next.contentStart > 100 {
                allShort = false
            }
        }
        guard breaks > 0, wrapped * 4 <= breaks else { return false }
        return terminal * 2 > breaks || (breaks >= 2 && wrapped == 0 && allShort)
    }

    // MARK: Sentence text

    /// The text of a sentence, with each run of whitespace that holds a line break made one space.
    func sentenceText(_ r: Range<Int>) -> String {
        var hasBreak = false
        for p in r where b[p] == 0x0A || b[p] == 0x0D { hasBreak = true; break }
        if !hasBreak { return string(r) }
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var p = r.lowerBound
        while p < r.upperBound {
            let c = b[p]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                var q = p
                var sawBreak = false
                while q < r.upperBound && (b[q] == 0x20 || b[q] == 0x09 || b[q] == 0x0A || b[q] == 0x0D) {
                    if b[q] == 0x0A || b[q] == 0x0D { sawBreak = true }
                    q += 1
                }
                if sawBreak { out.append(0x20) } else { out.append(contentsOf: b[p..<q]) }
                p = q
            } else {
                out.append(c)
                p += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Blocks

    /// Finds the sentences in the block [start, end) — lines joined by soft line breaks — and
    /// appends their trimmed byte ranges. The block end is always a sentence end.
    func scanBlock(_ start: Int, _ end: Int, from scanStart: Int, headline: Bool, into result: inout [Range<Int>]) {
        var sentenceStart = start
        var inQuote = false
        var p = scanStart

        func emit(_ boundary: Int) {
            if let r = trimmed(sentenceStart..<boundary) { result.append(r) }
            sentenceStart = boundary
        }

        while p < end {
            let (v, w) = scalar(at: p)
            switch v {
            case 0x22: // straight double quote: toggles, as nothing tells opening from closing
                inQuote.toggle()
                p += w
            case 0x201C:
                inQuote = true
                p += w
            case 0x201D:
                inQuote = false
                p += w
            case 0x3F, 0x21: // ? !
                let (after, closedQuote) = consumeClosers(p + w, end, &inQuote)
                if let next = nextStart(after, end), isQuestionBoundary(next, afterQuote: closedQuote) {
                    emit(after)
                }
                p = after
            case 0x2026: // …
                p = ellipsis(p + w, end, &inQuote, headline, emit)
            case 0x2E: // .
                var q = p + 1
                while q < end && b[q] == 0x2E { q += 1 }
                if q - p >= 3 {
                    p = ellipsis(q, end, &inQuote, headline, emit)
                    continue
                }
                let period = q - 1
                if q < end, !(SentenceScanner.isSpace(scalar(at: q).0) || SentenceScanner.isCloser(scalar(at: q).0)) {
                    // Followed by a letter, digit, comma, hyphen, "?": decimals, "U.S.-led", URLs.
                    p = q
                    continue
                }
                let (after, _) = consumeClosers(q, end, &inQuote)
                if let next = nextStart(after, end),
                   isPeriodBoundary(period: period, next: next, blockStart: start, sentenceStart: sentenceStart) {
                    emit(after)
                }
                p = after
            default:
                p += w
            }
        }
        emit(end)
    }

    /// Handles an ellipsis ending just before `p`; returns where scanning continues.
    private func ellipsis(_ p: Int, _ end: Int, _ inQuote: inout Bool, _ headline: Bool, _ emit: (Int) -> Void) -> Int {
        var q = p
        // "…." or "...?" — the final mark decides.
        if q < end && (b[q] == 0x3F || b[q] == 0x21) {
            let (after, closedQuote) = consumeClosers(q + 1, end, &inQuote)
            if let next = nextStart(after, end), isQuestionBoundary(next, afterQuote: closedQuote) { emit(after) }
            return after
        }
        if q < end && b[q] == 0x2E { q += 1 }
        let (after, _) = consumeClosers(q, end, &inQuote)
        guard !inQuote, !headline, let next = nextStart(after, end) else { return after }
        if next.kind == .upper { emit(after) }
        return after
    }

    /// Skips closing quotes and brackets (and extra ? or !) after a terminal.
    private func consumeClosers(_ p: Int, _ end: Int, _ inQuote: inout Bool) -> (Int, Bool) {
        var q = p
        var closedQuote = false
        while q < end {
            let (v, w) = scalar(at: q)
            if v == 0x3F || v == 0x21 { q += w; continue }
            guard SentenceScanner.isCloser(v) else { break }
            if v == 0x22 || v == 0x201D || v == 0x27 || v == 0x2019 {
                closedQuote = true
                if v == 0x22 || v == 0x201D { inQuote = false }
            }
            q += w
        }
        return (q, closedQuote)
    }

    enum Kind { case upper, lower, digit, currency, other }

    /// What follows a terminal: its kind (after any opening quotes or brackets) and first word.
    struct Next {
        var opener: Bool
        var kind: Kind
        var word: Range<Int>
        var periodAfterWord: Bool
    }

    /// The start of what follows `p`, when whitespace separates it; nil at the block end or when
    /// the terminal is glued to the next character.
    private func nextStart(_ p: Int, _ end: Int) -> Next? {
        guard p < end else { return nil }
        var q = p
        var sawSpace = false
        while q < end {
            let (v, w) = scalar(at: q)
            if !SentenceScanner.isSpace(v) { break }
            sawSpace = true
            q += w
        }
        guard sawSpace, q < end else { return nil }
        var opener = false
        while q < end {
            let (v, w) = scalar(at: q)
            if !SentenceScanner.isOpener(v) { break }
            opener = true
            q += w
        }
        guard q < end else { return nil }
        let (v, _) = scalar(at: q)
        let kind: Kind = SentenceScanner.isUpper(v) ? .upper : SentenceScanner.isLower(v) ? .lower
            : SentenceScanner.isDigit(v) ? .digit : SentenceScanner.isCurrency(v) ? .currency : .other
        let word = wordRange(at: q, end)
        return Next(opener: opener, kind: kind, word: word, periodAfterWord: word.upperBound < end && b[word.upperBound] == 0x2E)
    }

    /// A run of letters (and inner apostrophes) starting at `p`; a hyphen ends it, so
    /// "Secretary-General" is looked up as "Secretary".
    private func wordRange(at p: Int, _ end: Int) -> Range<Int> {
        var q = p
        while q < end {
            let (v, w) = scalar(at: q)
            if SentenceScanner.isLetter(v) { q += w; continue }
            if (v == 0x27 || v == 0x2019) && q > p && q + w < end && SentenceScanner.isLetter(scalar(at: q + w).0) {
                q += w
                continue
            }
            break
        }
        return p..<q
    }

    private func word(_ next: Next) -> String { string(next.word) }

    /// A clear sentence start after an abbreviation or initial: a starter word, Mr./Dr. and the
    /// like, or a capital after an opening quote or bracket.
    private func isClearStart(_ next: Next) -> Bool {
        guard next.kind == .upper else { return false }
        if next.opener { return true }
        let w = word(next)
        if SentenceLexicon.starters.contains(w) { return true }
        return next.periodAfterWord && SentenceLexicon.sentenceTitles.contains(w)
    }

    private func isQuestionBoundary(_ next: Next, afterQuote: Bool) -> Bool {
        switch next.kind {
        case .lower, .other: return false
        case .digit, .currency: return true
        case .upper: return !(afterQuote && !next.opener && isAttribution(from: next.word.lowerBound))
        }
    }

    /// `"Why now?" Mr. Kim asked.`: up to four capitalised non-starter words (titles may carry a
    /// period), then a speech verb.
    private func isAttribution(from p: Int) -> Bool {
        var q = p
        let end = b.count
        var words = 0
        while words <= 4 && q < end {
            let r = wordRange(at: q, end)
            guard !r.isEmpty else { return false }
            let w = string(r)
            if SentenceLexicon.speechVerbs.contains(w) { return words > 0 }
            guard SentenceScanner.isUpper(scalar(at: r.lowerBound).0), !SentenceLexicon.starters.contains(w) else { return false }
            words += 1
            q = r.upperBound
            if q < end && b[q] == 0x2E { q += 1 }
            guard q < end, b[q] == 0x20 else { return false }
            while q < end && b[q] == 0x20 { q += 1 }
        }
        return false
    }

    /// Whether the period at `period`, followed by whitespace and `next`, ends a sentence.
    private func isPeriodBoundary(period: Int, next: Next, blockStart: Int, sentenceStart: Int) -> Bool {
        // Only a capital, digit or currency sign (possibly after an opening quote) can start a
        // sentence; after an ordinary word that is enough, so `return true` below means "ordinary".
        if next.kind == .lower || next.kind == .other { return false }
        guard period > blockStart else { return true }
        // "(IAEA)." — a period after a closing bracket or quote is a real full stop.
        let (last, _) = scalar(before: period)
        if SentenceScanner.isCloser(last) || last == 0x2E { return true }
        // The token before the period: back to whitespace, an opening quote/bracket, a dash or a slash.
        var s = period
        while s > blockStart {
            let (v, w) = scalar(before: s)
            if SentenceScanner.isSpace(v) || v == 0x28 || v == 0x5B || v == 0x7B || v == 0x22 || v == 0x201C
                || v == 0x2018 || v == 0x2014 || v == 0x2013 || v == 0x2F {
                break
            }
            s -= w
        }
        guard s < period else { return true }
        let token = string(s..<period)
        let L = SentenceLexicon.self

        if token.utf8.contains(0x2E) {
            if L.neverFinal.contains(token) { return false }
            let lower = token.lowercased()
            if lower == "a.m" || lower == "p.m" {
                guard next.kind == .upper else { return false }
                if next.opener { return true }
                if L.timeContinuations.contains(word(next)) { return false }
                // "9 a.m. Seoul time"
                var q = next.word.upperBound
                while q < b.count && b[q] == 0x20 { q += 1 }
                let r = wordRange(at: q, b.count)
                return string(r) != "time"
            }
            if L.acronyms.contains(token) {
                guard next.kind == .upper else { return false }
                if next.opener { return true }
                return !L.acronymContinuations.contains(word(next))
            }
            if L.suffixes.contains(token) { return isClearStart(next) }
            if isInitials(token) { return isClearStart(next) }
            return true // "example.com", "3.5" before a period
        }
        if L.titles.contains(token) || L.neverFinal.contains(token) { return false }
        if L.beforeNumber.contains(token) {
            return next.kind != .digit
        }
        if L.months.contains(token) {
            if next.kind == .digit { return false }
            return isClearStart(next)
        }
        if L.suffixes.contains(token) { return isClearStart(next) }
        if isInitials(token) {
            // "Q. Will you …" / "A. Not yet." — a letter that opens the sentence is a label.
            if isFirstToken(s, sentenceStart: sentenceStart) { return false }
            return isClearStart(next)
        }
        return true
    }

    /// One capital letter ("F"), or capitals separated by periods ("H.R", "J.F.K").
    private func isInitials(_ token: String) -> Bool {
        var expectLetter = true
        var count = 0
        for u in token.unicodeScalars {
            if expectLetter {
                guard SentenceScanner.isUpper(u.value) else { return false }
                count += 1
            } else if u != "." {
                return false
            }
            expectLetter.toggle()
        }
        return count > 0 && !expectLetter
    }

    private func isFirstToken(_ s: Int, sentenceStart: Int) -> Bool {
        var q = sentenceStart
        while q < s {
            let (v, w) = scalar(at: q)
            if !(SentenceScanner.isSpace(v) || SentenceScanner.isOpener(v)) { return false }
            q += w
        }
        return true
    }

    /// The range without leading and trailing whitespace, or nil when nothing is left.
    func trimmed(_ r: Range<Int>) -> Range<Int>? {
        var s = r.lowerBound, e = r.upperBound
        while s < e {
            let (v, w) = scalar(at: s)
            if !SentenceScanner.isSpace(v) { break }
            s += w
        }
        while e > s {
            let (v, w) = scalar(before: e)
            if !SentenceScanner.isSpace(v) { break }
            e -= w
        }
        return s < e ? s..<e : nil
    }
}
