import ArgumentParser

/// What `evaluate` and `compare` score on: the labelled data, what to do with unknown labels,
/// and the bootstrap seed.
struct ScoringOptions: ParsableArguments {
    @Option(help: "Labelled data to score on.")
    var data: String

    @Flag(help: "Leave out examples whose label the model does not know, and say how many, instead of stopping.")
    var ignoreUnknown = false

    @Option(help: "Seed of the bootstrap resamples (the same seed gives the same intervals).")
    var seed: UInt64 = 1
}
