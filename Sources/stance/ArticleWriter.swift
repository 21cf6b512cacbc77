import Foundation
import StanceKit

/// Writes classified articles: every sentence, then the article's summary, as a table,
/// JSON (one object per article), JSON Lines (sentence records, then a summary record) or Markdown.
final class ArticleWriter {
    let format: ClassifyFormat
    let labels: [String]
    let scale: StanceScale
    let topActors: Int
    let listedActors: Bool
    let out = OutputStream()

    init(format: ClassifyFormat, labels: [String], scale: StanceScale, topActors: Int, listedActors: Bool) {
        self.format = format
        self.labels = labels
        self.scale = scale
        self.topActors = topActors
        self.listedActors = listedActors
    }

    struct ActorStance: Encodable {
        let actor: String
        let sentences: Int
        let netIndex: Double
    }

    struct ArticleRecord: Encodable {
        let id: String
        let title: String?
        let date: String?
        let source: String?
        let storyline: String?
        let origin: String
        let sentences: [ArticleSummary.SentenceResult]
        let explanations: [PredictionFormatter.ExplanationRecord]?
        let summary: ArticleSummary
        let actors: [ActorStance]
    }

    /// Actors named in the article with their sentence counts and net index, most named first.
    func actorStances(_ result: ArticleClassifier.Result) -> [ActorStance] {
        var byActor = [String: [Int]]()
        for (i, names) in result.actors.enumerated() {
            for name in Set(names) { byActor[name, default: []].append(scale.value(ofLabel: result.predictions[i].label)) }
        }
        let ranked = byActor.map { ActorStance(actor: $0.key, sentences: $0.value.count,
                                               netIndex: Double($0.value.reduce(0, +)) / Double($0.value.count)) }
            .sorted { $0.sentences != $1.sentences ? $0.sentences > $1.sentences : $0.actor < $1.actor }
        return listedActors ? ranked : Array(ranked.prefix(topActors))
    }

    func write(_ result: ArticleClassifier.Result, summary: ArticleSummary, explanations: [Explanation]?) {
        let d = result.document
        let sentences = result.sentenceResults(labels: labels)
        let actors = actorStances(result)
        switch format {
        case .json:
            let record = ArticleRecord(id: d.id, title: d.title, date: d.date?.description ?? d.rawDate, source: d.source,
                                       storyline: d.storyline, origin: d.origin, sentences: sentences,
                                       explanations: explanations?.map(PredictionFormatter.ExplanationRecord.init),
                                       summary: summary, actors: actors)
            out.line((try? jsonString(record, pretty: true)) ?? "{}")
        case .jsonl:
            for s in sentences {
                struct Line: Encodable { let type = "sentence"; let document: String; let sentence: ArticleSummary.SentenceResult }
                out.line((try? jsonString(Line(document: d.id, sentence: s))) ?? "{}")
            }
            struct Summary: Encodable { let type = "summary"; let document: String; let summary: ArticleSummary; let actors: [ActorStance] }
            out.line((try? jsonString(Summary(document: d.id, summary: summary, actors: actors))) ?? "{}")
        case .markdown:
            writeMarkdown(result, sentences, summary, actors)
        case .table, .csv:
            writeTable(result, sentences, summary, actors, explanations)
        }
    }

    private func heading(_ d: Document) -> String {
        let details = [d.date?.description ?? d.rawDate, d.source, d.storyline].compactMap { $0 }.joined(separator: ", ")
        return (d.title ?? d.id) + (details.isEmpty ? "" : " (\(details))")
    }

    private func signed(_ v: Double?) -> String {
        guard let v else { return "undefined" }
        return (v >= 0 ? "+" : "") + v.fixed(3)
    }

    private func summaryLines(_ s: ArticleSummary) -> [String] {
        let counts = labels.map { "\($0) \(s.counts[$0] ?? 0) (\(((s.shares[$0] ?? 0) * 100).fixed(0))%)" }.joined(separator: ", ")
        var lines = ["\(s.sentences) sentences: \(counts)"]
        let interval = s.netInterval.map { " [95% bootstrap interval \(signed($0.low)), \(signed($0.high))]" } ?? ""
        lines.append("net index (\(s.positiveLabel) − \(s.negativeLabel)) / sentences: \(signed(s.netIndex))\(interval)")
        lines.append("probability-weighted index: \(signed(s.probabilityIndex))")
        if let p = s.mostPositive { lines.append("most \(s.positiveLabel): \"\(p.text)\"") }
        if let n = s.mostNegative { lines.append("most \(s.negativeLabel): \"\(n.text)\"") }
        return lines
    }

    private func writeTable(_ result: ArticleClassifier.Result, _ sentences: [ArticleSummary.SentenceResult],
                            _ summary: ArticleSummary, _ actors: [ActorStance], _ explanations: [Explanation]?) {
        out.line("== \(heading(result.document)) [\(result.document.origin)]")
        let width = max(8, labels.map(\.count).max() ?? 0)
        out.line("  #  " + "label".padding(toLength: width, withPad: " ", startingAt: 0) + "  " +
                 labels.map { String($0.prefix(8)).padding(toLength: 8, withPad: " ", startingAt: 0) }.joined(separator: " ") + "  sentence")
        for (i, s) in sentences.enumerated() {
            out.line(String(format: "%3d  ", s.index) + s.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " +
                     labels.map { String(format: "%-8.3f", s.probabilities[$0] ?? 0) }.joined(separator: " ") + "  " + s.text)
            if let e = explanations?[i] {
                for c in e.toward { out.line("       + \(c.contribution.fixed(4))  \(c.feature)") }
                for c in e.against { out.line("       - \(abs(c.contribution).fixed(4))  \(c.feature)") }
            }
        }
        out.line("-- summary")
        for line in summaryLines(summary) { out.line(line) }
        if !actors.isEmpty {
            out.line("actors\(listedActors ? "" : " (most named)"): " + actors.map { "\($0.actor) \($0.sentences) sentence\($0.sentences == 1 ? "" : "s"), net \(signed($0.netIndex))" }.joined(separator: "; "))
        }
        out.line()
    }

    private func writeMarkdown(_ result: ArticleClassifier.Result, _ sentences: [ArticleSummary.SentenceResult],
                               _ summary: ArticleSummary, _ actors: [ActorStance]) {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        out.line("## \(cell(heading(result.document)))")
        out.line()
        for line in summaryLines(summary) { out.line("- " + cell(line)) }
        if !actors.isEmpty {
            out.line("- actors: " + actors.map { "\(cell($0.actor)) (\($0.sentences), net \(signed($0.netIndex)))" }.joined(separator: ", "))
        }
        out.line()
        out.line("| # | label | " + labels.map { "p(\($0))" }.joined(separator: " | ") + " | sentence |")
        out.line("|---:|---|" + labels.map { _ in "---:|" }.joined() + "---|")
        for s in sentences {
            out.line("| \(s.index) | \(s.label) | " + labels.map { (s.probabilities[$0] ?? 0).fixed(3) }.joined(separator: " | ") + " | \(cell(s.text)) |")
        }
        out.line()
    }

    func finish() { out.flush() }
}
