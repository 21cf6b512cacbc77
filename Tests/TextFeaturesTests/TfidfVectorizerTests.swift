import Foundation
import Testing
@testable import TextFeatures

/// Compares vocabulary, idf and rows with scikit-learn's TfidfVectorizer (Fixtures/tfidf.json,
/// written by Fixtures/make_tfidf_fixture.py).
@Suite struct TfidfVectorizerTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let analyzer: String
            let ngram_range: [Int]
            let min_df: Int
            let max_features: Int?
            let sublinear_tf: Bool
            let terms: [String]
            let idf: [Double]
            let rows: [[Entry]]
        }
        struct Entry: Decodable {
            let term: String
            let value: Double
            init(from decoder: Decoder) throws {
                var c = try decoder.unkeyedContainer()
                term = try c.decode(String.self)
                value = try c.decode(Double.self)
            }
        }
        let corpus: [String]
        let cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "tfidf", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static let caseCount = 5

    @Test(arguments: 0..<caseCount)
    func matchesScikitLearn(caseIndex: Int) throws {
        let fixture = try Self.fixture()
        let expected = fixture.cases[caseIndex]
        let configuration = TfidfConfiguration(
            analyzer: NGramAnalyzer(kind: NGramAnalyzer.Kind(rawValue: expected.analyzer)!,
                                    minN: expected.ngram_range[0], maxN: expected.ngram_range[1],
                                    normalizer: TextNormalizer(foldPunctuation: false)),
            minDF: expected.min_df, maxFeatures: expected.max_features, sublinearTF: expected.sublinear_tf)
        let fitted = try TfidfVectorizer(configuration).fit(fixture.corpus)
        #expect(fitted.terms == expected.terms)
        try #require(fitted.idf.count == expected.idf.count)
        for (a, b) in zip(fitted.idf, expected.idf) { #expect(abs(a - b) < 1e-12) }
        let matrix = fitted.transform(fixture.corpus)
        for (i, expectedRow) in expected.rows.enumerated() {
            let (columns, values) = matrix.row(i)
            #expect(columns.map { fitted.terms[Int($0)] } == expectedRow.map(\.term), "row \(i)")
            for (v, e) in zip(values, expectedRow) { #expect(abs(v - e.value) < 1e-12, "row \(i) \(e.term)") }
        }
    }

    @Test func fixtureHasAllCases() throws {
        #expect(try Self.fixture().cases.count == Self.caseCount)
    }

    @Test func unknownNGramsAreIgnoredAndRowsStayNormalised() throws {
        let fitted = try TfidfVectorizer(TfidfConfiguration(analyzer: NGramAnalyzer(kind: .word, minN: 1, maxN: 2)))
            .fit(["talks resume in geneva", "sanctions resume"])
        let row = fitted.row("Talks resume in Oslo!")
        #expect(row.map { fitted.terms[Int($0.0)] } == ["in", "resume", "resume in", "talks", "talks resume"])
        let norm = row.reduce(0) { $0 + $1.1 * $1.1 }
        #expect(abs(norm - 1) < 1e-12)
        #expect(fitted.row("entirely unseen words").isEmpty)
    }

    /// Character n-grams go through a per-scratch word memo: rows must not depend on what the
    /// scratch saw before, on another vocabulary, or on whether the memo was full.
    @Test func characterRowsDoNotDependOnTheScratch() throws {
        let analyzer = NGramAnalyzer(kind: .charWithinWords, minN: 2, maxN: 4)
        let first = try TfidfVectorizer(TfidfConfiguration(analyzer: analyzer))
            .fit(["the envoys met again", "talks stalled over sanctions", "the talks resume"])
        let second = try TfidfVectorizer(TfidfConfiguration(analyzer: analyzer))
            .fit(["sanctions stay", "envoys left the summit early"])
        let texts = ["The talks resume.", "Envoys met; the talks stalled again over sanctions.", "talks talks talks"]
        var shared = TfidfScratch(featureCount: max(first.featureCount, second.featureCount))
        var small = TfidfScratch(featureCount: max(first.featureCount, second.featureCount))
        small.words = WordColumnMemo(wordCapacity: 2)
        for _ in 0..<2 {
            for fitted in [first, second] {
                for text in texts {
                    let fresh = fitted.row(text)
                    let reused = fitted.row(text, scratch: &shared)
                    let full = fitted.row(text, scratch: &small)
                    #expect(fresh.map(\.0) == reused.map(\.0) && fresh.map(\.1) == reused.map(\.1), "\(text)")
                    #expect(fresh.map(\.0) == full.map(\.0) && fresh.map(\.1) == full.map(\.1), "\(text)")
                }
            }
        }
    }

    @Test func minDFThatRemovesEverythingIsAnError() {
        #expect(throws: TextFeaturesError.self) {
            try TfidfVectorizer(TfidfConfiguration(analyzer: NGramAnalyzer(kind: .word, minN: 1, maxN: 1), minDF: 3))
                .fit(["a b", "c d"])
        }
    }

    @Test func invalidRangeIsAnError() {
        #expect(throws: TextFeaturesError.self) {
            try TfidfVectorizer(TfidfConfiguration(analyzer: NGramAnalyzer(kind: .word, minN: 3, maxN: 1))).fit(["a b"])
        }
    }
}
