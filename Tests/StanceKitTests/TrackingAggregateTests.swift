import Testing
@testable import StanceKit

@Suite struct TrackingAggregateTests {
    static let labels = LabelSet(["dovish", "hawkish", "neutral"])

    /// A small corpus: (id, date, source, predicted labels with a p(hawkish) − p(dovish) margin).
    static func documents() -> [(Document, CalendarDay, [StanceModel.Prediction])] {
        var out = [(Document, CalendarDay, [StanceModel.Prediction])]()
        for d in 0..<12 {
            let day = CalendarDay(ordinal: CalendarDay(year: 2019, month: 1, day: 3)!.ordinal + 9 * d)
            let predictions = (0..<(3 + d % 4)).map { s -> StanceModel.Prediction in
                let label = (d + s) % 3
                let p = label == 1 ? [0.1 + 0.01 * Double(s), 0.7, 0.2 - 0.01 * Double(s)] : label == 0 ? [0.6, 0.15, 0.25] : [0.2, 0.3, 0.5]
                return .init(label: label, probabilities: p)
            }
            out.append((Document(id: "doc\(d)", source: d % 2 == 0 ? "Wire" : "Post", text: "", origin: "test"), day, predictions))
        }
        return out
    }

    static func aggregate(_ docs: ArraySlice<(Document, CalendarDay, [StanceModel.Prediction])>, by period: TrackingPeriod,
                          group: TrackingGroup) throws -> TrackingAggregate {
        var a = TrackingAggregate(scale: try StanceScale(labels: labels), period: period, groupBy: group)
        for (doc, day, predictions) in docs {
            let sentences = predictions.indices.map { "\(doc.id) sentence \($0)" }
            a.add(doc, day: day, sentences: sentences, predictions: predictions,
                  actors: sentences.indices.map { $0 % 2 == 0 ? ["Kim"] : ["Kim", "Trump"] })
        }
        return a
    }

    @Test(arguments: [TrackingGroup.none, .source, .actor])
    func shardsMergeIntoExactlyTheWhole(group: TrackingGroup) throws {
        let docs = Self.documents()
        let whole = try Self.aggregate(docs[...], by: .month, group: group)
        var merged = try Self.aggregate(docs[8...], by: .month, group: group)
        try merged.merge(Self.aggregate(docs[0..<3], by: .month, group: group))
        try merged.merge(Self.aggregate(docs[3..<8], by: .month, group: group))
        #expect(merged == whole)
        #expect(merged.rows() == whole.rows())
    }

    @Test func rowsHoldSharesIndexIntervalAndRollingMean() throws {
        let a = try Self.aggregate(Self.documents()[...], by: .month, group: .none)
        let rows = a.rows(rollingWindow: 2)
        #expect(rows.map(\.period) == ["2019-01", "2019-02", "2019-03", "2019-04"])
        #expect(rows.map(\.documents).reduce(0, +) == 12)
        for r in rows {
            let hawkish = r.shares["hawkish"]!, dovish = r.shares["dovish"]!
            #expect(abs(r.netIndex - (hawkish - dovish)) < 1e-12)
            #expect(r.low <= r.netIndex && r.netIndex <= r.high)
            #expect(abs(r.shares.values.reduce(0, +) - 1) < 1e-12)
        }
        #expect(abs(rows[1].rollingMean - (rows[0].netIndex + rows[1].netIndex) / 2) < 1e-12)
        #expect(abs(rows[2].rollingMean - (rows[1].netIndex + rows[2].netIndex) / 2) < 1e-12)
        #expect(rows[0].mostPositive.first!.score >= rows[0].mostPositive.last!.score)
    }

    @Test func actorGroupsCountSentencesThatNameThem() throws {
        let a = try Self.aggregate(Self.documents()[0..<1], by: .year, group: .actor)
        let rows = a.rows()
        #expect(rows.map(\.group) == ["Kim", "Trump"])
        #expect(rows[0].sentences == 3 && rows[1].sentences == 1)
    }

    @Test func mismatchedPartialsDoNotMerge() throws {
        var a = try Self.aggregate(Self.documents()[0..<2], by: .month, group: .none)
        let b = try Self.aggregate(Self.documents()[2..<4], by: .week, group: .none)
        #expect(throws: StanceError.self) { try a.merge(b) }
    }

    @Test func chartAndReportDrawEveryGroup() throws {
        let a = try Self.aggregate(Self.documents()[...], by: .month, group: .source)
        let svg = TrackingChart(aggregate: a, rows: a.rows()).svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 2)
        #expect(svg.contains(">Wire<") && svg.contains(">Post<"))
        #expect(svg.contains("Net stance index by month and source"))
        let html = TrackingReport(aggregate: a, rows: a.rows()).html()
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && !html.contains("<script"))
    }
}
