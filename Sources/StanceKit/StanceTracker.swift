import Foundation

/// What `stance track` groups documents by.
public enum TrackingGroup: String, Sendable, Codable, CaseIterable {
    case none, source, actor, storyline
}

/// Running totals of stance per group and period, built one document at a time (so memory
/// grows with the number of periods and groups, not sentences), and mergeable: aggregates of
/// shards of a corpus merge into exactly the aggregate of the whole. Every sum is an integer
/// (probabilities in units of 1e-9) and the kept example sentences are chosen by a total
/// order, so merging in any order gives identical results.
public struct TrackingAggregate: Sendable, Codable, Equatable {
    public static let formatVersion = 1
    static let probabilityUnit = 1e9
    /// Example sentences kept per cell and direction.
    static let examplesKept = 3

    public struct Example: Sendable, Codable, Equatable {
        /// p(positive) − p(negative) in units of 1e-9.
        public let score: Int64
        public let text: String
        public let document: String
        public let sentence: Int
        public let label: String

        /// Total order: higher score first, then document id and sentence index.
        static func before(_ a: Example, _ b: Example) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.document != b.document { return a.document < b.document }
            return a.sentence < b.sentence
        }
    }

    public struct Cell: Sendable, Codable, Equatable {
        public let group: String
        public let start: CalendarDay
        public var documents = 0
        public var sentences = 0
        public var counts: [Int]
        public var probabilitySum: Int64 = 0
        public var mostPositive: [Example] = []
        public var mostNegative: [Example] = []

        mutating func merge(_ other: Cell) {
            documents += other.documents
            sentences += other.sentences
            for i in counts.indices { counts[i] += other.counts[i] }
            probabilitySum += other.probabilitySum
            mostPositive = Array((mostPositive + other.mostPositive).sorted(by: Example.before).prefix(TrackingAggregate.examplesKept))
            mostNegative = Array((mostNegative + other.mostNegative).sorted { Example.before($1, $0) }.prefix(TrackingAggregate.examplesKept))
        }
    }

    public let formatVersion: Int
    public let labels: [String]
    public let positiveLabel: String
    public let negativeLabel: String
    public let period: TrackingPeriod
    public let groupBy: TrackingGroup
    public private(set) var cells: [String: Cell] = [:]
    public private(set) var documents = 0
    public private(set) var skippedDocuments = 0

    public init(scale: StanceScale, period: TrackingPeriod, groupBy: TrackingGroup) {
        formatVersion = TrackingAggregate.formatVersion
        labels = scale.labels
        positiveLabel = scale.positiveName
        negativeLabel = scale.negativeName
        self.period = period
        self.groupBy = groupBy
    }

    public mutating func noteSkippedDocument() { skippedDocuments += 1 }

    /// Adds one dated document's classified sentences. `actors[i]` are the actors sentence i names.
    public mutating func add(_ document: Document, day: CalendarDay, sentences: [String],
                             predictions: [StanceModel.Prediction], actors: [[String]]) {
        documents += 1
        let start = period.start(of: day)
        let positive = labels.firstIndex(of: positiveLabel)!, negative = labels.firstIndex(of: negativeLabel)!
        var touched = Set<String>()
        for (i, prediction) in predictions.enumerated() {
            let groups: [String]
            switch groupBy {
            case .none: groups = ["all"]
            case .source: groups = [document.source ?? "(no source)"]
            case .storyline: groups = [document.storyline ?? "(no storyline)"]
            case .actor: groups = Array(Set(actors[i])).sorted()
            }
            let score = Int64((
                (prediction.probabilities[positive] - prediction.probabilities[negative]) * TrackingAggregate.probabilityUnit).rounded())
            let example = Example(score: score, text: sentences[i], document: document.id, sentence: i, label: labels[prediction.label])
            for group in groups {
                let key = "\(group)\u{1F}\(start)"
                var cell = cells[key] ?? Cell(group: group, start: start, counts: Array(repeating: 0, count: labels.count))
                if touched.insert(key).inserted { cell.documents += 1 }
                cell.sentences += 1
                cell.counts[prediction.label] += 1
                cell.probabilitySum += score
                cell.merge(Cell(group: group, start: start, counts: Array(repeating: 0, count: labels.count),
                                mostPositive: [example], mostNegative: [example]))
                cells[key] = cell
            }
        }
    }

    /// Adds another aggregate of the same settings (a shard of the same corpus).
    public mutating func merge(_ other: TrackingAggregate) throws {
        guard other.labels == labels, other.positiveLabel == positiveLabel, other.negativeLabel == negativeLabel,
              other.period == period, other.groupBy == groupBy else {
            throw StanceError.invalidOption("partial aggregates differ in labels, period or grouping and cannot be merged")
        }
        documents += other.documents
        skippedDocuments += other.skippedDocuments
        for (key, cell) in other.cells {
            if cells[key] == nil { cells[key] = cell } else { cells[key]!.merge(cell) }
        }
    }

    /// One row per group and period, sorted by group then period, with the rolling mean of the
    /// net index over the group's last `rollingWindow` periods that have data.
    public func rows(rollingWindow: Int = 3) -> [TrackingRow] {
        let positive = labels.firstIndex(of: positiveLabel)!, negative = labels.firstIndex(of: negativeLabel)!
        let sorted = cells.values.sorted { ($0.group, $0.start) < ($1.group, $1.start) }
        var rows = [TrackingRow]()
        var recent = [Double]()
        var currentGroup: String?
        for cell in sorted {
            if cell.group != currentGroup { recent = []; currentGroup = cell.group }
            let n = Double(cell.sentences)
            let net = Double(cell.counts[positive] - cell.counts[negative]) / n
            // Normal approximation for the mean of per-sentence values in {−1, 0, +1}.
            let variance = max(0, Double(cell.counts[positive] + cell.counts[negative]) / n - net * net)
            let halfWidth = 1.959964 * (variance / n).squareRoot()
            recent.append(net)
            if recent.count > rollingWindow { recent.removeFirst() }
            rows.append(TrackingRow(
                group: cell.group, period: period.label(cell.start), start: cell.start.description,
                documents: cell.documents, sentences: cell.sentences,
                shares: Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Double(cell.counts[$0]) / n) }),
                netIndex: net, low: max(-1, net - halfWidth), high: min(1, net + halfWidth),
                probabilityIndex: Double(cell.probabilitySum) / TrackingAggregate.probabilityUnit / n,
                rollingMean: recent.reduce(0, +) / Double(recent.count),
                mostPositive: cell.mostPositive, mostNegative: cell.mostNegative))
        }
        return rows
    }
}

/// One period of one group, as `stance track` prints it.
public struct TrackingRow: Sendable, Codable, Equatable {
    public let group: String
    public let period: String
    public let start: String
    public let documents: Int
    public let sentences: Int
    public let shares: [String: Double]
    public let netIndex: Double
    public let low: Double
    public let high: Double
    public let probabilityIndex: Double
    public let rollingMean: Double
    public let mostPositive: [TrackingAggregate.Example]
    public let mostNegative: [TrackingAggregate.Example]
}
