import Foundation
import LinearAlgebra

/// A fitted TF-IDF block: vocabulary (n-gram texts, sorted), their idf, and the lookup from
/// stable n-gram hash to column.
public struct FittedTfidf: Sendable {
    public let configuration: TfidfConfiguration
    public let terms: [String]
    public let idf: [Double]
    private let columns: NGramTable

    public var featureCount: Int { terms.count }

    public init(configuration: TfidfConfiguration, terms: [String], idf: [Double]) throws {
        guard terms.count == idf.count else {
            throw TextFeaturesError.invalidConfiguration("\(terms.count) terms but \(idf.count) idf values")
        }
        self.configuration = configuration
        self.terms = terms
        self.idf = idf
        var columns = NGramTable(minimumCapacity: terms.count)
        for (i, term) in terms.enumerated() {
            let h = StableHash.hash(term)
            if let other = columns.updateValue(Int32(i), forKey: h) {
                throw TextFeaturesError.hashCollision(terms[Int(other)], term)
            }
        }
        self.columns = columns
    }

    /// The sparse TF-IDF row of one text: sorted (column, value) pairs, L2-normalised.
    public func row(_ text: String) -> [(Int32, Double)] {
        var hashes = [UInt64]()
        configuration.analyzer.appendHashes(of: text, to: &hashes)
        return row(hashes: hashes)
    }

    /// The sparse row for pre-computed n-gram hashes (unknown hashes are ignored).
    public func row(hashes: [UInt64]) -> [(Int32, Double)] {
        var cols = [Int32]()
        cols.reserveCapacity(hashes.count)
        for h in hashes { if let c = columns[h] { cols.append(c) } }
        guard !cols.isEmpty else { return [] }
        cols.sort()
        var out = [(Int32, Double)]()
        out.reserveCapacity(cols.count)
        var i = 0
        var norm = 0.0
        while i < cols.count {
            var j = i + 1
            while j < cols.count && cols[j] == cols[i] { j += 1 }
            let count = Double(j - i)
            let tf = configuration.sublinearTF ? 1 + log(count) : count
            let v = tf * idf[Int(cols[i])]
            out.append((cols[i], v))
            norm += v * v
            i = j
        }
        let scale = 1 / norm.squareRoot()
        for k in out.indices { out[k].1 *= scale }
        return out
    }

    public func transform(_ texts: [String], threads: Int = 1) -> SparseMatrix {
        let rows = ParallelLoop.map(count: texts.count, threads: threads, minimumChunk: 64) { range in
            range.map { row(texts[$0]) }
        }
        var m = SparseMatrix(columns: featureCount)
        for r in rows { m.appendRow(r) }
        return m
    }

    public func column(of term: String) -> Int? {
        columns[StableHash.hash(term)].map(Int.init).flatMap { terms[$0] == term ? $0 : nil }
    }

    static func utf8Less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
