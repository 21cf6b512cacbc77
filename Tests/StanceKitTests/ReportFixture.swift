import Foundation
import Testing
@testable import StanceKit

/// Fixtures/report.json, written by Fixtures/make_report_fixture.py with scikit-learn and numpy.
struct ReportFixture {
    struct Case {
        let name: String
        let truth: [Int]
        let probabilities: [[Double]]
        let predicted: [Int]
        let object: [String: Any]

        subscript(key: String) -> Any? { object[key] }
        func double(_ key: String) -> Double? { object[key] as? Double }

        /// classification_report's entry for a label or average.
        func scores(_ key: String) -> [String: Double] {
            ((object["report"] as! [String: Any])[key] as! [String: Any]).mapValues { ($0 as! NSNumber).doubleValue }
        }

        var accuracy: Double { ((object["report"] as! [String: Any])["accuracy"] as! NSNumber).doubleValue }
        func undefined(_ figure: String) -> Set<String> { Set((object["undefined"] as! [String: [String]])[figure]!) }
        var texts: [String] { truth.indices.map { "example \($0)" } }
    }

    let labels: [String]
    let bins: Int
    let errors: Int
    let cases: [Case]
    let percentiles: [(values: [Double], q: Double, expected: Double)]

    static func load() throws -> ReportFixture {
        let url = try #require(Bundle.module.url(forResource: "report", withExtension: "json", subdirectory: "Fixtures"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = (root["cases"] as! [[String: Any]]).map { c in
            Case(name: c["name"] as! String, truth: c["truth"] as! [Int],
                 probabilities: (c["probabilities"] as! [[NSNumber]]).map { $0.map(\.doubleValue) },
                 predicted: c["predicted"] as! [Int], object: c)
        }
        let percentiles = (root["percentiles"] as! [[String: Any]]).map {
            (values: ($0["values"] as! [NSNumber]).map(\.doubleValue), q: ($0["q"] as! NSNumber).doubleValue,
             expected: ($0["expected"] as! NSNumber).doubleValue)
        }
        return ReportFixture(labels: root["labels"] as! [String], bins: root["bins"] as! Int, errors: root["errors"] as! Int,
                             cases: cases, percentiles: percentiles)
    }

    static let caseNames = ["mixed", "never-predicted", "no-support", "one-label", "single"]

    func named(_ name: String) -> Case { cases.first { $0.name == name }! }

    func report(_ c: Case, bootstrap: Int = 0) -> EvaluationReport {
        EvaluationReport(labels: labels, truth: c.truth, probabilities: c.probabilities, texts: c.texts,
                         options: .init(errors: errors, bootstrapResamples: bootstrap, seed: 1, bins: bins))
    }
}

/// |a − b| within a tolerance relative to the size of the values.
func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-12) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
