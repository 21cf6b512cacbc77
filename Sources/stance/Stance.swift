import ArgumentParser

@main
struct Stance: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Hawkish, dovish or neutral: stance toward negotiations.")
}
