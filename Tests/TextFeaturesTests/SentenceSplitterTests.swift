import Foundation
import Testing
@testable import TextFeatures

/// Boundary scoring (see Fixtures/README.md): a boundary is the UTF-8 offset of the end of a
/// sentence, every sentence but the last of a document. Both gold and predicted sentences end at
/// their last non-whitespace character, so whitespace between sentences never matters. A
/// predicted boundary is correct when a gold boundary has the same offset; precision, recall and
/// F1 are pooled over all documents.
struct BoundaryScore: CustomStringConvertible {
    var correct = 0, predicted = 0, gold = 0
    var misses: [String] = []

    var precision: Double { predicted == 0 ? 1 : Double(correct) / Double(predicted) }
    var recall: Double { gold == 0 ? 1 : Double(correct) / Double(gold) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    var description: String {
        String(format: "%d gold, %d predicted, %d correct: P %.4f R %.4f F1 %.4f",
               gold, predicted, correct, precision, recall, f1)
    }

    mutating func add(id: String, text: String, gold goldOffsets: [Int], splitter: SentenceSplitter) {
        let sentences = splitter.split(text)
        let predictedOffsets = Set(sentences.dropLast().map { text.utf8.distance(from: text.startIndex, to: $0.range.upperBound) })
        let goldSet = Set(goldOffsets)
        correct += predictedOffsets.intersection(goldSet).count
        predicted += predictedOffsets.count
        gold += goldSet.count
        let bytes = Array(text.utf8)
        func context(_ offset: Int) -> String {
            let before = String(decoding: bytes[max(0, offset - 45)..<offset], as: UTF8.self)
            let after = String(decoding: bytes[offset..<min(bytes.count, offset + 35)], as: UTF8.self)
            return (before + " ‖ " + after).replacingOccurrences(of: "\n", with: "⏎")
        }
        for offset in predictedOffsets.subtracting(goldSet).sorted() { misses.append("extra   \(id) @\(offset): \(context(offset))") }
        for offset in goldSet.subtracting(predictedOffsets).sorted() { misses.append("missing \(id) @\(offset): \(context(offset))") }
    }
}

@Suite struct SentenceSplitterTests {
    let splitter = SentenceSplitter()

    func texts(_ text: String, _ splitter: SentenceSplitter = SentenceSplitter()) -> [String] {
        splitter.split(text).map(\.text)
    }

    // MARK: - Gold standards

    struct FixtureDocument: Decodable {
        let id: String
        let kind: String
        let sentences: [String]
        let separators: [String]

        var text: String {
            var text = ""
            for (i, sentence) in sentences.enumerated() {
                text += sentence
                if i < separators.count { text += separators[i] }
            }
            return text
        }

        /// The end of every sentence but the last, as UTF-8 offsets into `text`.
        var goldBoundaries: [Int] {
            var offsets: [Int] = []
            var offset = 0
            for (i, sentence) in sentences.enumerated().dropLast() {
                offset += sentence.utf8.count
                offsets.append(offset)
                offset += separators[i].utf8.count
            }
            return offsets
        }
    }

    static func fixture() throws -> [FixtureDocument] {
        let url = try #require(Bundle.module.url(forResource: "sentence-boundaries", withExtension: "jsonl",
                                                 subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(FixtureDocument.self, from: Data($0.utf8))
        }
    }

    @Test func fixtureIsWellFormedAndLargeEnough() throws {
        let documents = try Self.fixture()
        #expect(documents.count >= 25)
        #expect(Set(documents.map(\.id)).count == documents.count, "ids are unique")
        #expect(Set(documents.map(\.kind)).count >= 10)
        #expect(documents.reduce(0) { $0 + $1.goldBoundaries.count } >= 300)
        for document in documents {
            #expect(document.separators.count == document.sentences.count - 1, "\(document.id)")
            for separator in document.separators {
                #expect(!separator.isEmpty && separator.allSatisfy(\.isWhitespace), "\(document.id): \(separator.debugDescription)")
            }
            for sentence in document.sentences {
                #expect(sentence == sentence.trimmingCharacters(in: .whitespacesAndNewlines) && !sentence.isEmpty,
                        "\(document.id): \(sentence.debugDescription)")
            }
        }
    }

    @Test func boundaryF1OnFixture() throws {
        var score = BoundaryScore()
        for document in try Self.fixture() {
            score.add(id: document.id, text: document.text, gold: document.goldBoundaries, splitter: splitter)
        }
        print("SentenceSplitter on Fixtures/sentence-boundaries.jsonl: \(score)")
        if score.f1 < 0.98 { score.misses.forEach { print($0) } }
        #expect(score.gold >= 300)
        #expect(score.f1 >= 0.98, "\(score)\n\(score.misses.joined(separator: "\n"))")
    }

    /// Byte offsets of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        for start in from...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    /// The second gold standard: Data/articles/*/X.md bodies against the sentences in X.labels.jsonl.
    @Test func boundaryF1OnLabelledArticles() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let articles = root.appendingPathComponent("Data/articles")
        let fm = FileManager.default
        var score = BoundaryScore()
        var articleCount = 0
        for story in try fm.contentsOfDirectory(atPath: articles.path).sorted() {
            let directory = articles.appendingPathComponent(story)
            guard let files = try? fm.contentsOfDirectory(atPath: directory.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".md") {
                let markdown = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                // Front matter sits between the first two "---" lines; the body follows.
                var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
                try #require(lines.first == "---", "\(file) starts with front matter")
                let close = try #require(lines.dropFirst().firstIndex(of: "---"), "\(file) closes its front matter")
                lines.removeSubrange(0...close)
                let body = lines.joined(separator: "\n")
                let labels = directory.appendingPathComponent(String(file.dropLast(3)) + ".labels.jsonl")
                let gold = try String(contentsOf: labels, encoding: .utf8).split(separator: "\n").map {
                    try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["text"] as? String ?? ""
                }
                // Locate each labelled sentence in order; its end is a gold boundary.
                let bytes = Array(body.utf8)
                var offsets: [Int] = []
                var from = 0
                for sentence in gold {
                    let start = try #require(Self.find(Array(sentence.utf8), in: bytes, from: from),
                                             "\(file): labelled sentence not in body: \(sentence.prefix(60))")
                    from = start + sentence.utf8.count
                    offsets.append(from)
                }
                score.add(id: file, text: body, gold: Array(offsets.dropLast()), splitter: splitter)
                articleCount += 1
            }
        }
        print("SentenceSplitter on Data/articles (\(articleCount) articles): \(score)")
        if score.f1 < 0.97 { score.misses.forEach { print($0) } }
        #expect(articleCount == 36)
        #expect(score.f1 >= 0.97, "\(score)\n\(score.misses.joined(separator: "\n"))")
    }

    // MARK: - Abbreviations

    @Test func titlesNeverEndASentence() {
        #expect(texts("Mr. Kim met Gen. Park, Lt. Gen. Ri and Sen. Colquitt. They talked for an hour.")
            == ["Mr. Kim met Gen. Park, Lt. Gen. Ri and Sen. Colquitt.", "They talked for an hour."])
        #expect(texts("Thank you, Mr. President. It has been an honor.")
            == ["Thank you, Mr. President.", "It has been an honor."])
        #expect(texts("MS. ARDEN: Good afternoon. Dr. Ashworth and Prof. Brandt are here.")
            == ["MS. ARDEN: Good afternoon.", "Dr. Ashworth and Prof. Brandt are here."])
    }

    @Test func monthsAndNumberAbbreviations() {
        #expect(texts("Talks resumed on Sept. 12 and ended Jan. 3. No. 2 on the list was Iran.")
            == ["Talks resumed on Sept. 12 and ended Jan. 3.", "No. 2 on the list was Iran."])
        #expect(texts("WASHINGTON, SEPT. 12 — The vote is set. The No. 2 official will attend.")
            == ["WASHINGTON, SEPT. 12 — The vote is set.", "The No. 2 official will attend."])
        // A month at the end of a sentence splits only before a clear sentence start.
        #expect(texts("She has not visited since Jan. Her office said nothing.")
            == ["She has not visited since Jan.", "Her office said nothing."])
        // "No." as an answer is an ordinary word.
        #expect(texts("Was there a deal? No. The talks failed.") == ["Was there a deal?", "No.", "The talks failed."])
    }

    @Test func acronymsAtTheEndOfASentence() {
        #expect(texts("The envoy flew back to the U.S. The talks resumed a week later.")
            == ["The envoy flew back to the U.S.", "The talks resumed a week later."])
        #expect(texts("She presented her credentials at the U.N. China objected.")
            == ["She presented her credentials at the U.N.", "China objected."])
        #expect(texts("Three firms are registered in the U.K. Two others are in Dubai.")
            == ["Three firms are registered in the U.K.", "Two others are in Dubai."])
        #expect(texts("It will be decided in Washington, D.C. The forum ends Friday.").count == 2)
        // Name-like continuations stay in the sentence.
        for text in ["The U.S. Trade Representative arrived.", "The U.N. Security Council voted.",
                     "The U.N. Secretary-General spoke.", "Ten U.S. Navy sailors were held.",
                     "The U.S. and China agreed.", "He joined U.S. Sen. Colquitt on the trip.",
                     "The deal was approved by the U.S. Treasury on Monday."] {
            #expect(texts(text) == [text])
        }
    }

    @Test func companyAndNameSuffixes() {
        #expect(texts("The list includes Orlov Precision Ltd. and Sunward Components Inc. The firms deny it.")
            == ["The list includes Orlov Precision Ltd. and Sunward Components Inc.", "The firms deny it."])
        #expect(texts("Baltic Freight Co. did not respond. Thomas B. Reardon Jr. said nothing.")
            == ["Baltic Freight Co. did not respond.", "Thomas B. Reardon Jr. said nothing."])
        #expect(texts("He was born in Scranton, Pa., and studied law.").count == 1)
        #expect(texts("Samsung Electronics Co. Ltd. signed.").count == 1)
    }

    @Test func latinAbbreviations() {
        #expect(texts("Interim steps, e.g., data exchanges, hotlines, etc., could be agreed now.").count == 1)
        #expect(texts("The talks, i.e., the second round, failed. It is U.S. vs. Russia vs. China now.")
            == ["The talks, i.e., the second round, failed.", "It is U.S. vs. Russia vs. China now."])
        #expect(texts("They agreed on warheads, data exchanges, etc. They cannot guarantee a vote.")
            == ["They agreed on warheads, data exchanges, etc.", "They cannot guarantee a vote."])
    }

    // MARK: - Initials, decimals, figures

    @Test func initials() {
        #expect(texts("John F. Kennedy met Nikita S. Khrushchev in Vienna. H.R. McMaster was not born yet.")
            == ["John F. Kennedy met Nikita S. Khrushchev in Vienna.", "H.R. McMaster was not born yet."])
        #expect(texts("He said there was no Plan B. There is only Plan A.")
            == ["He said there was no Plan B.", "There is only Plan A."])
        #expect(texts("The O.S.C.E. Kosovo Verification Mission deployed monitors.").count == 1)
        // Transcript labels "Q." and "A." open a sentence and never end one.
        #expect(texts("Q. Will the ceasefire hold? A. Not yet. We are hopeful.")
            == ["Q. Will the ceasefire hold?", "A. Not yet.", "We are hopeful."])
    }

    @Test func decimalsAndFigures() {
        #expect(texts("Iran wants $3.5 billion, about 2.5% of the total. Talks resume at 10.30 a.m. on Thursday.")
            == ["Iran wants $3.5 billion, about 2.5% of the total.", "Talks resume at 10.30 a.m. on Thursday."])
        #expect(texts("Enrichment stays below 3.67 percent. Brent fell 3.1% to $78.40. It recovered.").count == 3)
        #expect(texts("Calls go unanswered at 4 p.m. The phone rings.") == ["Calls go unanswered at 4 p.m.", "The phone rings."])
        #expect(texts("The session began at 10 a.m. Mr. Varga arrived late.").count == 2)
        for text in ["The ceremony at 2 p.m. Hanoi time was canceled.", "They meet at 9 a.m. Monday in Geneva.",
                     "The deadline is 11 p.m. EST on Friday.", "Version 2.0 of the text had 1,250 words."] {
            #expect(texts(text) == [text])
        }
        #expect(texts("The vote was in 2015. 2016 was quieter.") == ["The vote was in 2015.", "2016 was quieter."])
    }

    // MARK: - Ellipses, quotations, parentheses, ? and !

    @Test func ellipses() {
        // A boundary before a capitalised word, outside quotations.
        #expect(texts("They broke for lunch… Then they talked some more.")
            == ["They broke for lunch…", "Then they talked some more."])
        #expect(texts("The list grew longer ... Waiting is a policy too.")
            == ["The list grew longer ...", "Waiting is a policy too."])
        // Not before a lower-case word.
        #expect(texts("We are close … closer than ever.").count == 1)
        // Not inside a quotation that goes on.
        #expect(texts("“If they want talks, we are ready… If they want a fight, we are ready too,” he said.").count == 1)
        #expect(texts("\"We tried ... Nobody listened,\" she said. It was over.").count == 2)
        // A quotation closed after the ellipsis lets the next sentence start.
        #expect(texts("He said it was \"under review...\" Nobody believed him.")
            == ["He said it was \"under review...\"", "Nobody believed him."])
        // A headline (one line, no terminal punctuation) is not split at an ellipsis.
        #expect(texts("The Art of Saying Nothing … Slowly\n\nThe talks went on.")
            == ["The Art of Saying Nothing … Slowly", "The talks went on."])
    }

    @Test func closingQuotesBelongToTheSentence() {
        #expect(texts("The gap was \"a few hundred words of text.\" He declined to say more.")
            == ["The gap was \"a few hundred words of text.\"", "He declined to say more."])
        #expect(texts("“We came to close a file.” Mr. Kamali left. 'Not us.' Then silence.")
            == ["“We came to close a file.”", "Mr. Kamali left.", "'Not us.'", "Then silence."])
        // A quoted question followed by its attribution is one sentence.
        #expect(texts("\"Who blinked first?\" Ms. Ostrowski asked reporters. \"Not us.\"")
            == ["\"Who blinked first?\" Ms. Ostrowski asked reporters.", "\"Not us.\""])
        #expect(texts("“Why now?” he asked. “We got what we came for!” Whitlow told reporters.").count == 2)
        #expect(texts("\"Is this a deal?\" The answer came quickly.").count == 2)
    }

    @Test func parentheses() {
        #expect(texts("The agency reported late. (The talks ended.) Inspectors left.")
            == ["The agency reported late.", "(The talks ended.)", "Inspectors left."])
        #expect(texts("The next review (scheduled for Sept. 30) matters. (Some ships were seized.)")
            == ["The next review (scheduled for Sept. 30) matters.", "(Some ships were seized.)"])
        #expect(texts("The watchdog (the I.A.E.A.) reported. It found compliance.").count == 2)
        #expect(texts("He named the inspectors (IAEA). The report followed.").count == 2)
    }

    @Test func questionsAndExclamations() {
        #expect(texts("Did trust ever develop? Never! And that is fine.")
            == ["Did trust ever develop?", "Never!", "And that is fine."])
        #expect(texts("Will you meet before the summit in Sept.? I hope so.")
            == ["Will you meet before the summit in Sept.?", "I hope so."])
        #expect(texts("Really?! The minister laughed.").count == 2)
        #expect(texts("The question (why now?) went unanswered.").count == 1)
    }

    // MARK: - Structure

    @Test func headlinesAndBylines() {
        let text = "Iran Talks Stall in Vienna\n\nBy Jane Doe, staff writer\n\nVIENNA — Talks stalled on Friday. Both sides left."
        #expect(texts(text) == ["Iran Talks Stall in Vienna", "By Jane Doe, staff writer",
                                "VIENNA — Talks stalled on Friday.", "Both sides left."])
        // A headline and byline directly over the story, without blank lines.
        let attached = "Iran Talks Stall in Vienna\nBy Jane Doe\nVIENNA — Talks stalled on Friday as both delegations refused to move on sanctions.\n\nThe next round is not scheduled, and diplomats on both sides said no date was likely before the end of the month."
        #expect(texts(attached).prefix(3) == ["Iran Talks Stall in Vienna", "By Jane Doe",
                                              "VIENNA — Talks stalled on Friday as both delegations refused to move on sanctions."])
        #expect(texts("# The Diplomacy Brief\n## Europe\nMinisters meet on Monday.")
            == ["# The Diplomacy Brief", "## Europe", "Ministers meet on Monday."])
    }

    @Test func datelinesStayWithTheirSentence() {
        for dateline in ["SEOUL (Meridian Wire) —", "WASHINGTON, Sept. 12 —", "ST. PETERSBURG, Russia —",
                         "BRUSSELS, Jan. 8 (Coastline Press) —", "UNITED NATIONS —", "DOHA, Qatar, Nov. 3 —"] {
            let text = "\(dateline) Officers from both sides met on Wednesday. They agreed on a hotline."
            #expect(texts(text) == ["\(dateline) Officers from both sides met on Wednesday.", "They agreed on a hotline."])
        }
    }

    @Test func bulletItemsAreSentencesWithTheirMarkers() {
        let text = """
        According to the agency, Iran:
        - shipped uranium to Russia;
        - removed 12,000 centrifuges;
        * filled the Arak core with concrete.
        • Talks continue. Both sides agree.
        1. Keep the agreement.
        2) Give banks guidance.
        (3) Open a channel.
        a) review contracts;
        The panel said more.
        """
        #expect(texts(text) == [
            "According to the agency, Iran:", "- shipped uranium to Russia;", "- removed 12,000 centrifuges;",
            "* filled the Arak core with concrete.", "• Talks continue.", "Both sides agree.",
            "1. Keep the agreement.", "2) Give banks guidance.", "(3) Open a channel.", "a) review contracts;",
            "The panel said more.",
        ])
        // An indented or lower-case next line continues a wrapped item.
        #expect(texts("- Maritime security: a joint statement,\n  ideally with a reference.\n- Refugees: funding\nfor the region.")
            == ["- Maritime security: a joint statement, ideally with a reference.", "- Refugees: funding for the region."])
        // A bullet item without terminal punctuation still ends at its line.
        #expect(texts("- Dec. 3: A warning\nThe North tested an engine.").count == 2)
    }

    @Test func paragraphBreaksEndSentences() {
        #expect(texts("Talks ended without a statement\n\nThe next round is in May") ==
                ["Talks ended without a statement", "The next round is in May"])
        #expect(texts("The envoy spoke of the U.S.\r\n\r\nnegotiators later.") == ["The envoy spoke of the U.S.", "negotiators later."])
        #expect(texts("First.\n \t\nSecond.") == ["First.", "Second."])
    }

    @Test func oneSentencePerLine() {
        // Most lines end with terminal punctuation and few look wrapped: every line break is a
        // boundary, even before the lower-case "only briefly."
        let perLine = """
        The deputy minister complained about visa delays for his staff in the U.S.
        He said the delays had "become a political message."
        The meeting ended at 11.45 a.m.
        Follow-up: draft a reply by Friday
        Officials said trade was discussed
        only briefly.
        """
        #expect(splitter.readsAsSentencePerLine(perLine))
        #expect(texts(perLine).count == 6)
        // A list of headlines: short lines, none of them wrapped.
        let headlines = "Iran and powers resume talks in Vienna\nGen. Okafor named U.N. peacekeeping chief\nKim's sister warns U.S. over drills"
        #expect(texts(headlines).count == 3)
        // Hard-wrapped prose is read as prose, and the line breaks become spaces in the text.
        let wrapped = "Diplomats from Iran and three European\ncountries met on Friday. The U.S.\ndid not send a delegation, and an official in\nWashington said so."
        #expect(!splitter.readsAsSentencePerLine(wrapped))
        let sentences = splitter.split(wrapped)
        #expect(sentences.map(\.text) == ["Diplomats from Iran and three European countries met on Friday.",
                                          "The U.S. did not send a delegation, and an official in Washington said so."])
        #expect(String(wrapped[sentences[1].range]) == "The U.S.\ndid not send a delegation, and an official in\nWashington said so.")
        // The caller can decide.
        #expect(texts(wrapped, SentenceSplitter(lineBreaks: .sentencePerLine)).count == 5)
        // Read as wrapped prose, the unpunctuated "Follow-up" line runs into the next two.
        #expect(texts(perLine, SentenceSplitter(lineBreaks: .wrapped)).count == 4)
        // A paragraph of short lines among long ones (a signature) keeps its lines apart.
        let letter = "Any new framework must include Beijing, the only nuclear power whose arsenal is growing quickly, and soon.\n\nDr. Miriam K. Ashworth\nCambridge, Mass."
        #expect(texts(letter) == ["Any new framework must include Beijing, the only nuclear power whose arsenal is growing quickly, and soon.",
                                  "Dr. Miriam K. Ashworth", "Cambridge, Mass."])
    }

    // MARK: - Ranges and text

    @Test func rangesPointIntoTheOriginal() {
        let text = "  “Élysée talks end.”  Next, the café — 🇫🇷 — closed…\n\n  Done.  "
        let sentences = splitter.split(text)
        #expect(sentences.map(\.text) == ["“Élysée talks end.”", "Next, the café — 🇫🇷 — closed…", "Done."])
        for sentence in sentences { #expect(String(text[sentence.range]) == sentence.text) }
        #expect(splitter.split("").isEmpty)
        #expect(splitter.split(" \n\n \t ").isEmpty)
        #expect(texts("No terminal punctuation at all") == ["No terminal punctuation at all"])
    }

    @Test func byteRangesMatchSentenceRanges() {
        let text = "Mr. Kim arrived. The U.S. envoy waited.\n\n- one\n- two"
        let sentences = splitter.split(text)
        var copy = text
        let byteRanges = copy.withUTF8 { splitter.sentenceByteRanges(in: $0) }
        #expect(byteRanges.count == sentences.count)
        for (r, s) in zip(byteRanges, sentences) {
            #expect(r.lowerBound == text.utf8.distance(from: text.startIndex, to: s.range.lowerBound))
            #expect(r.upperBound == text.utf8.distance(from: text.startIndex, to: s.range.upperBound))
        }
    }

    @Test func largeCorpusIsLinear() {
        // 100,000 sentences in one string, paragraphs of five.
        let paragraph = "Mr. Halvorsen met Gen. Park on Sept. 12 at 10.30 a.m. in the U.S. capital. "
            + "The talks, worth $3.5 billion, ended. “We are close … closer than ever,” he said. "
            + "Did they agree? Officials said No. 2 would decide.\n\n"
        let text = String(repeating: paragraph, count: 20_000)
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure { count = splitter.split(text).count }
        print("SentenceSplitter: 100,000 sentences (\(text.utf8.count) bytes) in \(elapsed)")
        #expect(count == 100_000)
    }
}
