import Foundation
import LinearAlgebra

/// A fitted TF-IDF block: vocabulary (n-gram texts, sorted), their idf, and the lookup from
/// stable n-gram hash to column.
public struct FittedTfidf: Sendable {
    public let configuration: TfidfConfiguration
    public let terms: [String]
    public let idf: [Double]
    private let columns: NGramTable
    /// Tells one vocabulary from another, so that a scratch's word memo is not reused across them.
    private let identity = VocabularyIdentity()

    public var featureCount: Int { terms.count }

    /// 1 + log(n) for small counts n, from the same `log`: the log was a tenth of scoring a text
    /// with character n-grams.
    static let sublinearTable: [Double] = (0..<64).map { $0 == 0 ? 0 : 1 + log(Double($0)) }

    /// The weight of an n-gram counted `n` times: 1 + log(n) with sublinear tf, else n. Most
    /// n-grams occur once, and 1 + log(1) is exactly 1.
    @inline(__always)
    static func termFrequency(_ n: Int32, sublinear: Bool) -> Double {
        if n == 1 { return 1 }
        guard sublinear else { return Double(n) }
        return n < sublinearTable.count ? sublinearTable[Int(n)] : 1 + log(Double(n))
    }

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
        var scratch = TfidfScratch(featureCount: featureCount)
        return row(text, scratch: &scratch)
    }

    /// The TF-IDF rows of `texts` (built in parallel chunks, each with its own scratch memory).
    public func transform(_ texts: [String], threads: Int = 1) -> SparseMatrix {
        SparseMatrix.build(rows: texts.count, columns: featureCount, threads: threads, minimumChunk: 64,
                           scratch: { TfidfScratch(featureCount: featureCount) }) { i, scratch, columns, values in
            appendRow(configuration.analyzer.analyze(texts[i]), shift: 0, weight: 1, scratch: &scratch,
                      columns: &columns, values: &values)
        }
    }

    /// The column of an n-gram hash, if it is in the vocabulary.
    @inline(__always)
    public subscript(hash hash: UInt64) -> Int32? { columns[hash] }

    public func column(of term: String) -> Int? {
        columns[StableHash.hash(term)].map(Int.init).flatMap { terms[$0] == term ? $0 : nil }
    }
}

/// An object whose identity stands for one fitted vocabulary.
final class VocabularyIdentity: Sendable {}

/// Reusable working memory for counting a text's n-grams (`FittedTfidf.appendRow` and
/// `accumulate`), one per thread: an epoch stamp per column needs no sorting and no clearing
/// between texts, and the word memo serves the character n-grams.
public struct TfidfScratch {
    var stamp: [UInt32]
    var position: [Int32]
    var epoch: UInt32 = 0
    /// Per distinct column of the current text; grown when a text has more n-grams than fit.
    var columns: [Int32] = []
    var counts: [Int32] = []
    /// The distinct (column, count) pairs of the current row, packed for sorting.
    var order: [UInt64] = []
    var values: [Double] = []
    var hashes: [UInt64] = []
    /// The columns of the current text's n-grams in the vocabulary, in order of occurrence
    /// (the first `findColumns` of them).
    var found: [Int32] = []
    var words = WordColumnMemo()

    public init(featureCount: Int) {
        stamp = Array(repeating: 0, count: featureCount)
        position = Array(repeating: 0, count: featureCount)
        hashes.reserveCapacity(4096)
        reserve(4096)
    }

    mutating func reserve(_ n: Int) {
        guard columns.count < n else { return }
        columns = Array(repeating: 0, count: n)
        counts = Array(repeating: 0, count: n)
        values = Array(repeating: 0, count: n)
    }
}

extension FittedTfidf {
    /// `row(_:)` with reusable scratch memory: n-grams are counted with its stamps, so that only
    /// the distinct columns are sorted, not every occurrence.
    public func row(_ text: String, scratch: inout TfidfScratch) -> [(Int32, Double)] {
        var columns = [Int32](), values = [Double]()
        appendRow(configuration.analyzer.analyze(text), shift: 0, weight: 1, scratch: &scratch,
                  columns: &columns, values: &values)
        return Array(zip(columns, values))
    }

    /// Appends the row of an analysed text to CSR arrays: columns (plus `shift`) in ascending
    /// order, values `weight` × the L2-normalised TF-IDF values of `row(_:)`. Writing straight
    /// into the matrix's arrays saves building and copying a row of pairs per text.
    public func appendRow(_ analyzed: NGramAnalyzer.Analyzed, shift: Int32, weight: Double, scratch: inout TfidfScratch,
                          columns: inout [Int32], values: inout [Double]) {
        let distinct = count(analyzed, scratch: &scratch)
        guard distinct > 0 else { return }
        // (column, count) packed in one integer, column in the high half, so that an integer sort
        // orders by column: sorting pairs through a closure cost as much as the rest of the row.
        scratch.order.removeAll(keepingCapacity: true)
        for i in 0..<distinct {
            scratch.order.append(UInt64(UInt32(scratch.columns[i])) << 32 | UInt64(UInt32(scratch.counts[i])))
        }
        scratch.order.withUnsafeMutableBufferPointer { IntegerSort.sort($0) }
        let start = values.count
        var norm = 0.0
        let sublinear = configuration.sublinearTF
        idf.withUnsafeBufferPointer { idf in
            for packed in scratch.order {
                let column = Int32(truncatingIfNeeded: packed >> 32)
                let n = Int32(truncatingIfNeeded: packed & 0xFFFF_FFFF)
                let tf = FittedTfidf.termFrequency(n, sublinear: sublinear)
                let v = tf * idf[Int(column)]
                columns.append(column + shift)
                values.append(v)
                norm += v * v
            }
        }
        let scale = 1 / norm.squareRoot()
        values.withUnsafeMutableBufferPointer { v in
            // Scaled, then weighted: the same two roundings as scaling the row and weighting it after.
            for k in start..<v.count { v[k] = v[k] * scale * weight }
        }
    }

    /// Counts the text's n-grams by column into `scratch` (columns in order of first
    /// appearance, with their counts) and returns how many distinct columns there are.
    func count(_ analyzed: NGramAnalyzer.Analyzed, scratch: inout TfidfScratch) -> Int {
        let found = findColumns(analyzed, scratch: &scratch)
        scratch.reserve(found)
        scratch.epoch &+= 1
        if scratch.epoch == 0 {    // wrapped: old stamps could collide with new epochs
            for i in scratch.stamp.indices { scratch.stamp[i] = 0 }
            scratch.epoch = 1
        }
        let epoch = scratch.epoch
        // The epoch stamp per column says whether it was seen in this text, so nothing is cleared.
        var distinct = 0
        scratch.found.withUnsafeBufferPointer { foundColumns in
            scratch.stamp.withUnsafeMutableBufferPointer { stamp in
                scratch.position.withUnsafeMutableBufferPointer { position in
                    scratch.columns.withUnsafeMutableBufferPointer { columns in
                        scratch.counts.withUnsafeMutableBufferPointer { counts in
                            for column in foundColumns[..<found] {
                                let c = Int(column)
                                if stamp[c] == epoch {
                                    counts[Int(position[c])] += 1
                                } else {
                                    stamp[c] = epoch
                                    position[c] = Int32(distinct)
                                    columns[distinct] = column
                                    counts[distinct] = 1
                                    distinct += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return distinct
    }

    /// Writes the columns of the text's n-grams that are in the vocabulary, in order of
    /// occurrence, to the start of `scratch.found`, and returns how many there are. Character
    /// n-grams go word by word through the scratch's word memo.
    func findColumns(_ analyzed: NGramAnalyzer.Analyzed, scratch: inout TfidfScratch) -> Int {
        let analyzer = configuration.analyzer
        // Written through a pointer into room made beforehand: an append per n-gram cost a
        // capacity and uniqueness check each.
        let bound = analyzer.maximumNGramCount(analyzed.tokens)
        if scratch.found.count < bound { scratch.found = Array(repeating: 0, count: max(bound, 2 * scratch.found.count)) }
        var found = 0
        guard analyzer.kind == .charWithinWords else {
            scratch.hashes.removeAll(keepingCapacity: true)
            analyzer.appendHashes(of: analyzed, to: &scratch.hashes)
            return lookUpHashes(&scratch, from: 0)
        }
        let owner = ObjectIdentifier(identity)
        if scratch.words.owner != owner { scratch.words.reset(owner: owner) }
        analyzed.bytes.withUnsafeBufferPointer { bytes in
            for (index, token) in analyzed.tokens.enumerated() {
                let word = UnsafeBufferPointer(rebasing: bytes[token])
                var h = StableHash()
                h.combine(word)
                if let known = scratch.words.find(word, hash: h.value) {
                    scratch.words.columns.withUnsafeBufferPointer { memo in
                        scratch.found.withUnsafeMutableBufferPointer { out in
                            for k in known { out[found] = memo[k]; found += 1 }
                        }
                    }
                    continue
                }
                scratch.hashes.removeAll(keepingCapacity: true)
                analyzer.appendHashes(ofToken: index, in: analyzed, to: &scratch.hashes)
                let start = found
                found = lookUpHashes(&scratch, from: start)
                scratch.words.insert(word, hash: h.value, columns: scratch.found[start..<found])
            }
        }
        return found
    }

    /// Writes the columns of the n-grams in `scratch.hashes` that are in the vocabulary to
    /// `scratch.found` from `start` on (room made by the caller); returns where they end.
    private func lookUpHashes(_ scratch: inout TfidfScratch, from start: Int) -> Int {
        var found = start
        scratch.hashes.withUnsafeBufferPointer { hashes in
            scratch.found.withUnsafeMutableBufferPointer { out in
                for h in hashes {
                    guard let column = self[hash: h] else { continue }
                    out[found] = column
                    found += 1
                }
            }
        }
        return found
    }

    /// scores[c] += scale · Σⱼ xⱼ · weights[j·k + c], where x is the L2-normalised TF-IDF row of
    /// the analysed text — the same numbers as `row(_:)` followed by a sparse product, without
    /// building the row. The text is analysed by the caller (with this block's normaliser), so
    /// that a word block and a character block can share one analysis.
    public func accumulate(_ analyzed: NGramAnalyzer.Analyzed, weights: UnsafePointer<Double>, k: Int, scale: Double,
                           into scores: UnsafeMutablePointer<Double>, scratch: inout TfidfScratch) {
        let distinct = count(analyzed, scratch: &scratch)
        guard distinct > 0 else { return }
        // Summed in order of first appearance rather than column order (no sort): results agree
        // with `row(_:)` and a sparse product to rounding, not bit for bit.
        idf.withUnsafeBufferPointer { idf in
            scratch.columns.withUnsafeBufferPointer { columns in
                scratch.counts.withUnsafeBufferPointer { counts in
                    scratch.values.withUnsafeMutableBufferPointer { values in
                        var norm = 0.0
                        let sublinear = configuration.sublinearTF
                        for i in 0..<distinct {
                            let v = FittedTfidf.termFrequency(counts[i], sublinear: sublinear) * idf[Int(columns[i])]
                            values[i] = v
                            norm += v * v
                        }
                        let factor = scale / norm.squareRoot()
                        if k == 3 {
                            // The scores in locals, in the same order of additions: through pointers
                            // the compiler must assume `scores` and `weights` overlap.
                            var s0 = scores[0], s1 = scores[1], s2 = scores[2]
                            for i in 0..<distinct {
                                let w = weights + Int(columns[i]) * 3
                                let v = values[i] * factor
                                s0 += v * w[0]; s1 += v * w[1]; s2 += v * w[2]
                            }
                            scores[0] = s0; scores[1] = s1; scores[2] = s2
                        } else {
                            for i in 0..<distinct {
                                let w = weights + Int(columns[i]) * k
                                let v = values[i] * factor
                                for c in 0..<k { scores[c] += v * w[c] }
                            }
                        }
                    }
                }
            }
        }
    }
}
