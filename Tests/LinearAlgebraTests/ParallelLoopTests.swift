import Testing
@testable import LinearAlgebra

@Suite struct ParallelLoopTests {
    /// Every index lands in exactly one chunk, chunks come back in order, and the thread count
    /// changes nothing.
    @Test(arguments: [(0, 4), (1, 4), (10, 3), (257, 16), (1000, 1000)])
    func mapChunksCoversEveryIndexInOrder(count: Int, chunkSize: Int) {
        let expected = (0..<count).map { $0 * $0 }
        for threads in [1, 2, 5] {
            let chunks = ParallelLoop.mapChunks(count: count, chunkSize: chunkSize, threads: threads) { range in
                range.map { $0 * $0 }
            }
            #expect(chunks.count == (count + chunkSize - 1) / chunkSize)
            #expect(chunks.allSatisfy { $0.count <= chunkSize })
            #expect(chunks.flatMap { $0 } == expected)
        }
    }
}
