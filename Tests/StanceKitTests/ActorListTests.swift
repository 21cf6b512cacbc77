import Foundation
import Testing
@testable import StanceKit

@Suite struct ActorListTests {
    @Test func readsNamesAndAliasesAndMatchesWholeWords() throws {
        let path = try DatasetReaderTests.file("# who\nBolton: John Bolton, National Security Adviser\n\nKim: Kim Jong Un, Chairman Kim\nPompeo\n", "txt")
        let list = try ActorList(path: path)
        #expect(list.actors.map(\.name) == ["Bolton", "Kim", "Pompeo"])
        #expect(list.actors(in: "The National Security Adviser argued against the letter.") == ["Bolton"])
        #expect(list.actors(in: "Kim Jong Un met Pompeo.") == ["Kim", "Pompeo"])
        #expect(list.actors(in: "Kimberly Boltonson spoke.") == [])
    }

    @Test func emptyListIsAnError() throws {
        let path = try DatasetReaderTests.file("# nothing\n\n", "txt")
        #expect(throws: DataError.self) { try ActorList(path: path) }
    }

    @Test func detectorFindsCapitalisedNamesByItsRule() {
        let d = ActorDetector()
        #expect(d.candidates(in: "National Security Adviser John Bolton argued against sending the letter.") == ["John Bolton"])
        #expect(d.candidates(in: "The Ministry of Foreign Affairs said Pompeo's trip to Pyongyang was useful.") ==
                ["Ministry of Foreign Affairs", "Pompeo", "Pyongyang"])
        #expect(d.candidates(in: "Officials met on Tuesday in March.") == [])
        #expect(d.candidates(in: "Sanctions will stay, President Trump said.") == ["Trump"])
    }
}
