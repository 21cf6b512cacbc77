import ArgumentParser
import StanceKit

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a model's metadata and the strongest n-grams of each label.")

    @Option(help: "Model file (default: the shipped default model).")
    var model: String?

    @Option(help: "How many n-grams to show per label.")
    var top = 15

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must not be negative") }
    }

    struct Report: Encodable {
        struct Strong: Encodable { let feature: String; let weight: Double }
        let model: String
        let formatVersion: UInt32
        let labels: [String]
        let features: FeatureConfiguration
        let featureCount: Int
        let classifier: LogisticRegression.Configuration
        let summary: TrainingSummary
        let strongest: [String: [Strong]]
    }

    func run() throws {
        try runReportingErrors {
            let path = try ModelLocator.resolve(model)
            let loaded = try ModelFile.read(path)
            let strongest = loaded.strongestFeatures(top: top)
            let out = OutputStream()
            if json {
                let report = Report(model: path, formatVersion: ModelFile.formatVersion, labels: loaded.labels.names,
                                    features: loaded.features.configuration, featureCount: loaded.features.columns,
                                    classifier: loaded.classifier, summary: loaded.summary,
                                    strongest: Dictionary(uniqueKeysWithValues: strongest.map {
                                        ($0.label, $0.features.map { Report.Strong(feature: $0.name, weight: $0.weight) })
                                    }))
                out.line(try jsonString(report, pretty: true))
                return
            }
            out.line("model: \(path) (format version \(ModelFile.formatVersion))")
            SummaryPrinter.print(loaded, to: out)
            let c = loaded.features.configuration
            if let w = c.word {
                out.line("word n-grams: \(w.analyzer.minN)-\(w.analyzer.maxN), min_df \(w.minDF), max_features \(w.maxFeatures.map(String.init) ?? "none"), sublinear tf \(w.sublinearTF), weight \(c.wordWeight)")
            }
            if let ch = c.character {
                out.line("character n-grams: \(ch.analyzer.minN)-\(ch.analyzer.maxN) within words, min_df \(ch.minDF), max_features \(ch.maxFeatures.map(String.init) ?? "none"), sublinear tf \(ch.sublinearTF), weight \(c.characterWeight)")
            }
            for (label, features) in strongest {
                out.line()
                out.line("strongest for \(label):")
                for f in features { out.line("  \(f.weight.fixed(4))\t\(f.name)") }
            }
        }
    }
}
