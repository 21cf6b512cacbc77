import Foundation
import LinearAlgebra

/// Learns a vocabulary and idf weights from documents (`fit`), giving a `FittedTfidf` that
/// turns texts into L2-normalised sparse TF-IDF rows.
public struct TfidfVectorizer: Sendable {
    public let configuration: TfidfConfiguration

    public init(_ configuration: TfidfConfiguration) {
        self.configuration = configuration
    }

    /// Fits on `documents`, counting n-grams on up to `threads` threads (the result is the same
    /// for any thread count).
    public func fit(_ documents: [String], threads: Int = 1) throws -> FittedTfidf {
        let c = configuration
        guard c.analyzer.minN >= 1, c.analyzer.maxN >= c.analyzer.minN else {
            throw TextFeaturesError.invalidConfiguration("n-gram range \(c.analyzer.minN)–\(c.analyzer.maxN)")
        }
        guard c.minDF >= 1, c.maxDF > 0, c.maxDF <= 1, (c.maxFeatures ?? 1) >= 1 else {
            throw TextFeaturesError.invalidConfiguration("min_df \(c.minDF), max_df \(c.maxDF), max_features \(c.maxFeatures ?? 0)")
        }
        guard !documents.isEmpty else { throw TextFeaturesError.emptyCorpus }

        // Count per chunk of documents, then merge the chunks' counts (integer sums: order-free).
        let partials = ParallelLoop.map(count: documents.count, threads: threads, minimumChunk: 128) { range in
            [count(documents, range)]
        }
        var counts = partials[0]
        for partial in partials.dropFirst() { counts.merge(partial) }
        let entries = counts.entries

        let n = documents.count
        let maxDocumentCount = Int((c.maxDF * Double(n)).rounded(.down))
        var kept = entries.filter { $0.documentFrequency >= c.minDF && $0.documentFrequency <= max(maxDocumentCount, 1) }
            .map { (hash: $0.hash, entry: $0) }
        guard !kept.isEmpty else {
            throw TextFeaturesError.emptyVocabulary("no n-gram is in at least \(c.minDF) of \(n) documents")
        }
        // Alphabetical by UTF-8 bytes (code point order, as Python sorts), so indices are reproducible.
        // Sorting indices moves plain integers instead of entries holding strings, and the terms'
        // bytes laid end to end make each comparison one memcmp, with no String traffic.
        var termBytes = [UInt8]()
        var termStarts = [Int]()
        termStarts.reserveCapacity(kept.count + 1)
        for item in kept {
            termStarts.append(termBytes.count)
            termBytes.append(contentsOf: item.entry.text.utf8)
        }
        termStarts.append(termBytes.count)
        let alphabetical = termBytes.withUnsafeBufferPointer { bytes in
            termStarts.withUnsafeBufferPointer { starts in
                kept.indices.sorted { i, j in
                    let li = starts[i + 1] - starts[i], lj = starts[j + 1] - starts[j]
                    let common = min(li, lj)
                    let c = common == 0 ? 0 : memcmp(bytes.baseAddress! + starts[i], bytes.baseAddress! + starts[j], common)
                    return c != 0 ? c < 0 : li < lj
                }
            }
        }
        kept = alphabetical.map { kept[$0] }
        if let limit = c.maxFeatures, kept.count > limit {
            // Most frequent over the corpus; the stable sort keeps alphabetical order among ties.
            let order = kept.indices.sorted {
                kept[$0].entry.termFrequency != kept[$1].entry.termFrequency
                    ? kept[$0].entry.termFrequency > kept[$1].entry.termFrequency : $0 < $1
            }
            kept = order.prefix(limit).sorted().map { kept[$0] }
        }
        for i in 1..<max(kept.count, 1) where kept[i].hash == kept[i - 1].hash {
            throw TextFeaturesError.hashCollision(kept[i - 1].entry.text, kept[i].entry.text)
        }
        let terms = kept.map(\.entry.text)
        let idf = kept.map { item -> Double in
            let df = Double(item.entry.documentFrequency)
            return c.smoothIDF ? log((1 + Double(n)) / (1 + df)) + 1 : log(Double(n) / df) + 1
        }
        return try FittedTfidf(configuration: c, terms: terms, idf: idf)
    }

    struct Entry {
        var hash: UInt64
        var documentFrequency: Int
        var termFrequency: Int
        var text: String
        /// The last document that contained it, so each document counts once in the df.
        var lastDocument: Int
    }

    /// Frequencies of the n-grams of some documents.
    struct Counts {
        var table = NGramTable(minimumCapacity: 1 << 14)
        var entries: [Entry] = []

        /// Adds another chunk's counts (integer sums, so the order of chunks does not matter).
        mutating func merge(_ other: Counts) {
            for e in other.entries {
                if let i = table[e.hash] {
                    entries[Int(i)].documentFrequency += e.documentFrequency
                    entries[Int(i)].termFrequency += e.termFrequency
                } else {
                    table.updateValue(Int32(entries.count), forKey: e.hash)
                    entries.append(e)
                }
            }
        }
    }

    /// Document and term frequencies of every n-gram in `documents[range]`.
    private func count(_ documents: [String], _ range: Range<Int>) -> Counts {
        let analyzer = configuration.analyzer
        var counts = Counts()
        for d in range {
            let analyzed = analyzer.analyze(documents[d])
            analyzer.forEachNGram(in: analyzed) { hash, location in
                if let i = counts.table[hash] {
                    let k = Int(i)
                    counts.entries[k].termFrequency += 1
                    if counts.entries[k].lastDocument != d {
                        counts.entries[k].lastDocument = d
                        counts.entries[k].documentFrequency += 1
                    }
                } else {
                    counts.table.updateValue(Int32(counts.entries.count), forKey: hash)
                    counts.entries.append(Entry(hash: hash, documentFrequency: 1, termFrequency: 1,
                                                text: analyzer.string(at: location, in: analyzed), lastDocument: d))
                }
            }
        }
        return counts
    }
}
