import Foundation
import Testing
@testable import StanceKit

/// A tiny labelled corpus written for the tests (Fixtures/tiny-corpus.jsonl): eight sentences
/// per label.
enum TrainingCorpus {
    static var path: String {
        Bundle.module.url(forResource: "tiny-corpus", withExtension: "jsonl", subdirectory: "Fixtures")!.path
    }

    static var examples: [LabelledExample] {
        (try? DatasetReader().read(path: path)) ?? []
    }
}
