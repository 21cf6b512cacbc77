import Testing
@testable import TextFeatures

@Suite struct WordColumnMemoTests {
    final class Owner {}

    func find(_ memo: WordColumnMemo, _ word: String) -> [Int32]? {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { b in
            memo.find(b, hash: StableHash.hash(bytes)).map { Array(memo.columns[$0]) }
        }
    }

    func insert(_ memo: inout WordColumnMemo, _ word: String, _ columns: [Int32]) {
        let bytes = Array(word.utf8)
        bytes.withUnsafeBufferPointer { memo.insert($0, hash: StableHash.hash(bytes), columns: columns[...]) }
    }

    @Test func remembersWordsByTheirBytes() {
        let owner = Owner()
        var memo = WordColumnMemo()
        memo.reset(owner: ObjectIdentifier(owner))
        #expect(find(memo, "talks") == nil)
        insert(&memo, "talks", [4, 9, 4])
        insert(&memo, "walks", [])
        #expect(find(memo, "talks") == [4, 9, 4])
        #expect(find(memo, "walks") == [])
        #expect(find(memo, "talk") == nil)
        #expect(find(memo, "talks ") == nil)
    }

    @Test func aFullMemoStopsRememberingButKeepsWhatItHas() {
        var memo = WordColumnMemo(wordCapacity: 2)
        memo.reset(owner: ObjectIdentifier(Owner()))
        insert(&memo, "a", [1])
        insert(&memo, "b", [2])
        insert(&memo, "c", [3])
        #expect(find(memo, "a") == [1])
        #expect(find(memo, "b") == [2])
        #expect(find(memo, "c") == nil)
    }

    @Test func resetForgetsEverything() {
        let first = Owner(), second = Owner()
        var memo = WordColumnMemo()
        memo.reset(owner: ObjectIdentifier(first))
        insert(&memo, "ceasefire", [7])
        memo.reset(owner: ObjectIdentifier(second))
        #expect(memo.owner == ObjectIdentifier(second))
        #expect(find(memo, "ceasefire") == nil)
    }
}
