import ArgumentParser
import StanceKit

/// The two labels whose difference is the stance index.
struct ScaleOptions: ParsableArguments {
    @Option(help: "Label counted +1 in the stance index.")
    var positiveLabel = "hawkish"

    @Option(help: "Label counted −1 in the stance index.")
    var negativeLabel = "dovish"

    func scale(for model: StanceModel) throws -> StanceScale {
        try StanceScale(labels: model.labels, positive: positiveLabel, negative: negativeLabel)
    }
}
