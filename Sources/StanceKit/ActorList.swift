import Foundation

/// People and organisations whose stance is tracked, each with the names a text may use for
/// them. Read from a file with one actor per line: `Bolton: John Bolton, National Security Adviser`
/// (the name before the colon is the actor and also matches; blank lines and `#` comments are skipped).
public struct ActorList: Sendable, Equatable {
    public struct Actor: Sendable, Equatable {
        public let name: String
        public let aliases: [String]
    }

    public let actors: [Actor]

    public init(actors: [Actor]) { self.actors = actors }

    public init(path: String) throws {
        let reader = try LineReader(path: path)
        var actors = [Actor]()
        while let bytes = try reader.nextLine() {
            guard let line = UTF8Validation.decode(bytes) else {
                throw DataError(file: reader.name, line: reader.lineNumber, "invalid UTF-8")
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, !name.isEmpty else {
                throw DataError(file: reader.name, line: reader.lineNumber, "no actor name before the colon")
            }
            let aliases = parts.count > 1 ? parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
            actors.append(Actor(name: name, aliases: [name] + aliases))
        }
        guard !actors.isEmpty else { throw DataError(file: reader.name, "no actors in the file") }
        self.actors = actors
    }

    /// The actors a sentence names (an alias matches as whole words, case-sensitively).
    public func actors(in sentence: String) -> [String] {
        actors.filter { actor in actor.aliases.contains { ActorList.containsWord(sentence, $0) } }.map(\.name)
    }

    static func containsWord(_ text: String, _ phrase: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: phrase, range: searchRange) {
            let beforeOK = found.lowerBound == text.startIndex || !isWordCharacter(text[text.index(before: found.lowerBound)])
            let afterOK = found.upperBound == text.endIndex || !isWordCharacter(text[found.upperBound])
            if beforeOK && afterOK { return true }
            searchRange = text.index(after: found.lowerBound)..<text.endIndex
        }
        return false
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}

/// Finds likely actors without a list, by a simple rule: a run of capitalised words (joined by
/// "of", "the", "for" inside the run, e.g. "Ministry of Foreign Affairs"), minus a leading
/// title ("President", "Mr.", "Secretary of State"…), minus a trailing "'s"; a single word at the
/// very start of a sentence is not counted (it is capitalised anyway), nor are common
/// capitalised words (months, weekdays, pronouns, sentence openers).
public struct ActorDetector: Sendable {
    static let connectors: Set<String> = ["of", "the", "for", "de", "al", "bin"]
    static let titles: Set<String> = ["President", "Prime", "Minister", "Mr.", "Mrs.", "Ms.", "Dr.", "Secretary",
                                      "Gen.", "General", "Sen.", "Senator", "Rep.", "Gov.", "Foreign", "Defence",
                                      "Defense", "State", "Vice", "Chancellor", "Ambassador", "Envoy", "Special",
                                      "Leader", "King", "Queen", "Sir", "Lord", "Adviser", "Advisor", "National", "Security",
                                      "Chief", "Deputy", "Admiral", "Adm.", "Col.", "Lt.", "Former", "Supreme"]
    static let common: Set<String> = ["The", "A", "An", "In", "On", "At", "But", "And", "Or", "It", "He", "She", "They",
                                      "We", "I", "You", "This", "That", "These", "Those", "There", "Here", "If", "When",
                                      "While", "After", "Before", "As", "For", "With", "Without", "By", "From", "To",
                                      "Yet", "So", "Still", "Even", "Despite", "Although", "Because", "Since", "Until",
                                      "What", "Why", "How", "Who", "Its", "His", "Her", "Their", "Our", "My", "No", "Not",
                                      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                                      "January", "February", "March", "April", "May", "June", "July", "August",
                                      "September", "October", "November", "December", "Jan.", "Feb.", "Aug.", "Sept.",
                                      "Oct.", "Nov.", "Dec.", "Officials", "Analysts", "Some", "Many", "Both", "Each",
                                      "Another", "Other", "Such", "Few", "More", "Most", "All", "Any", "One", "Two"]

    public init() {}

    /// Candidate actor names in a sentence, in order of appearance.
    public func candidates(in sentence: String) -> [String] {
        let words = sentence.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        var found = [String]()
        var run = [String]()
        var runStartsSentence = false
        func flush() {
            while let first = run.first, ActorDetector.titles.contains(first) || ActorDetector.connectors.contains(first) { run.removeFirst() }
            while let last = run.last, ActorDetector.connectors.contains(last) { run.removeLast() }
            if !run.isEmpty, !(run.count == 1 && (runStartsSentence || ActorDetector.common.contains(run[0]))) {
                found.append(run.joined(separator: " "))
            }
            run = []
        }
        for (i, raw) in words.enumerated() {
            let endsClause = raw.last.map { ",;:.!?)\"”".contains($0) } ?? false
            var word = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\"“”‘’'()[],;:!?—–"))
            if word.hasSuffix("'s") || word.hasSuffix("’s") { word = String(word.dropLast(2)) }
            if word.hasSuffix(".") && !ActorDetector.titles.contains(word) && !ActorDetector.common.contains(word) {
                word = String(word.dropLast())
            }
            let capitalised = word.first?.isUppercase == true
            if capitalised && !(run.isEmpty && ActorDetector.common.contains(word) && !ActorDetector.titles.contains(word)) {
                if run.isEmpty { runStartsSentence = i == 0 }
                run.append(word)
            } else if !run.isEmpty && ActorDetector.connectors.contains(word) {
                run.append(word)
            } else {
                flush()
            }
            if endsClause { flush() }
        }
        flush()
        return found
    }
}
