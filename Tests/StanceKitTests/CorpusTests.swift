import Foundation
import Testing
@testable import StanceKit

/// Keeps the shipped corpus (Data/negotiations) and articles (Data/articles) honest: valid
/// records, no duplicates or near-duplicates, the per-context label balance, the fixed splits.
@Suite struct CorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpusDirectory = root.appendingPathComponent("Data/negotiations")
    static let labels: Set<String> = ["hawkish", "dovish", "neutral"]
    static let phenomena: Set<String> = ["negation", "conditional", "hedged", "reported_speech", "contrast",
                                         "irony", "actor_role", "long", "headline"]
    static let testContexts: Set<String> = ["venezuela", "india_pakistan", "armenia_azerbaijan"]

    struct Entry: Decodable {
        let id: String
        let text: String
        let label: String
        let context: String
        let date: String
        let actors: [String]
        let phenomena: [String]
    }

    static func split(_ name: String) throws -> [Entry] {
        let text = try String(contentsOf: corpusDirectory.appendingPathComponent("\(name).jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
    }

    static func all() throws -> [String: [Entry]] {
        ["train": try split("train"), "dev": try split("dev"), "test": try split("test")]
    }

    @Test func everyRecordIsValid() throws {
        let splits = try Self.all()
        let records = splits.values.flatMap { $0 }
        #expect(records.count >= 3600)
        #expect(Set(records.map(\.id)).count == records.count, "ids are unique")
        let iso = try Regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for r in records {
            #expect(Self.labels.contains(r.label), "\(r.id) label \(r.label)")
            #expect(!r.text.trimmingCharacters(in: .whitespaces).isEmpty, "\(r.id) empty text")
            #expect(r.date.wholeMatch(of: iso) != nil && formatter.date(from: r.date) != nil, "\(r.id) date \(r.date)")
            #expect(Set(r.phenomena).isSubset(of: Self.phenomena), "\(r.id) phenomena \(r.phenomena)")
            #expect(r.id.hasPrefix(r.context + "-"), "\(r.id) context \(r.context)")
            #expect(r.actors.allSatisfy { !$0.isEmpty }, "\(r.id) empty actor")
        }
        let tagged = records.filter { !$0.phenomena.isEmpty }.count
        #expect(Double(tagged) >= 0.3 * Double(records.count), "\(tagged) of \(records.count) carry a phenomenon")
    }

    @Test func contextsAreLargeAndBalanced() throws {
        let records = try Self.all().values.flatMap { $0 }
        let byContext = Dictionary(grouping: records, by: \.context)
        #expect(byContext.count >= 12)
        for (context, entries) in byContext {
            #expect(entries.count >= 200, "\(context): \(entries.count) sentences")
            for label in Self.labels {
                let n = entries.filter { $0.label == label }.count
                #expect(4 * n >= entries.count, "\(context): \(label) is \(n) of \(entries.count)")
            }
        }
    }

    @Test func splitsAreTheDocumentedOnes() throws {
        let splits = try Self.all()
        let test = splits["test"]!, dev = splits["dev"]!, train = splits["train"]!
        #expect(Set(test.map(\.context)) == Self.testContexts)
        #expect(Set((train + dev).map(\.context)).isDisjoint(with: Self.testContexts))
        // dev: 10% of every (context, label) cell of the non-test contexts, rounded.
        let cells = Dictionary(grouping: train + dev) { "\($0.context)/\($0.label)" }
        for (cell, entries) in cells {
            let inDev = entries.filter { e in dev.contains { $0.id == e.id } }.count
            // Rounded half to even, as Python's round() in Scripts/split-corpus.
            #expect(inDev == Int((Double(entries.count) * 0.1).rounded(.toNearestOrEven)), "\(cell): \(inDev) of \(entries.count) in dev")
        }
    }

    /// Lower-cased words, as the near-duplicate rule counts them.
    static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "'") }
    }

    @Test func noExactOrNearDuplicates() throws {
        let records = try Self.all().values.flatMap { $0 }.sorted { $0.id < $1.id }
        var seen = [String: String]()
        for r in records {
            let key = Self.words(r.text).joined(separator: " ")
            #expect(seen[key] == nil, "\(r.id) duplicates \(seen[key] ?? "")")
            seen[key] = r.id
        }
        for (i, j, jaccard) in Self.nearDuplicates(records.map(\.text), above: 0.5) {
            Issue.record("\(records[i].id) ~ \(records[j].id): word 3-gram Jaccard \(jaccard)")
        }
    }

    @Test func nearDuplicateRuleCatchesASwappedWord() {
        let texts = ["the envoy said the talks in geneva went well on tuesday",
                     "the envoy said the talks in geneva went badly on tuesday",
                     "sanctions stay until the regime gives up its weapons"]
        let pairs = Self.nearDuplicates(texts, above: 0.3)
        #expect(pairs.map { [$0.0, $0.1] } == [[0, 1]])
        #expect(Self.nearDuplicates(texts, above: 0.5).isEmpty)   // 6 of 12 shared: exactly 0.5
    }

    /// Pairs whose word 3-gram Jaccard similarity exceeds `threshold`, found through an inverted
    /// index so only pairs that share a 3-gram are compared.
    static func nearDuplicates(_ texts: [String], above threshold: Double) -> [(Int, Int, Double)] {
        let grams: [Set<String>] = texts.map { text in
            let w = Self.words(text)
            return Set(w.count < 3 ? [] : (0...(w.count - 3)).map { w[$0..<($0 + 3)].joined(separator: " ") })
        }
        var postings = [String: [Int]]()
        for (i, g) in grams.enumerated() { for x in g { postings[x, default: []].append(i) } }
        var shared = [Int](repeating: 0, count: texts.count)
        var found = [(Int, Int, Double)]()
        for i in texts.indices {
            var touched = [Int]()
            for x in grams[i] {
                for j in postings[x]! where j > i {
                    if shared[j] == 0 { touched.append(j) }
                    shared[j] += 1
                }
            }
            for j in touched.sorted() {
                let jaccard = Double(shared[j]) / Double(grams[i].count + grams[j].count - shared[j])
                if jaccard > threshold { found.append((i, j, jaccard)) }
                shared[j] = 0
            }
        }
        return found
    }
}
