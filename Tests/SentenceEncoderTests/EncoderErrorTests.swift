import Foundation
import Testing
@testable import SentenceEncoder

@Suite struct EncoderErrorTests {
    @Test func missingModelDirectoryNamesTheFetchScript() throws {
        let absent = URL(fileURLWithPath: "/nonexistent/Models/encoders/all-MiniLM-L6-v2")
        do {
            _ = try SentenceEncoder(directory: absent)
            Issue.record("loading a missing directory succeeded")
        } catch let error as EncoderError {
            #expect(error == .modelDirectoryMissing(path: absent.path))
            #expect(error.description.contains("Scripts/fetch-encoder"))
            #expect(error.description.contains(absent.path))
        }
    }

    @Test func descriptionsNameWhatIsWrong() {
        #expect(EncoderError.missingTensor(name: "encoder.layer.3.output.dense.weight").description
                    .contains("encoder.layer.3.output.dense.weight"))
        #expect(EncoderError.wrongShape(name: "w", expected: [2, 3], actual: [3, 2]).description == "tensor w has shape [3, 2], expected [2, 3]")
        #expect(EncoderError.unsupportedDType(name: "ids", dtype: "I64").description.contains("I64"))
        #expect(EncoderError.missingFile(path: "/m/vocab.txt").description.contains("Scripts/fetch-encoder"))
    }
}
