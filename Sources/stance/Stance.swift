import ArgumentParser

@main
struct Stance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance",
        abstract: "Label sentences about negotiations as hawkish, dovish or neutral.",
        discussion: """
        Train a classifier on your own labelled sentences, classify new text with it (or with the \
        default model shipped in Models/), and evaluate it. Exit status: 0 success, 64 usage error, \
        65 bad data, 66 missing input, 70 internal error.
        """,
        version: "stance \(StanceKitVersion.current)",
        subcommands: [TrainCommand.self, ClassifyCommand.self, EvaluateCommand.self, InspectCommand.self,
                      CrossValidateCommand.self, CompareCommand.self, TrackCommand.self, EmbedCommand.self]
    )
}
