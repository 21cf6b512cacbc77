import Testing
import LinearAlgebra

/// The encoder runs one forward pass per core with BLAS single-threaded; check that window.
@Suite struct BLASThreadsTests {
    @Test func singleThreadWindowNestsAndRestores() async throws {
        guard let before = BLASThreads.count else {
            // Not OpenBLAS (e.g. the single-threaded reference BLAS): nothing to control.
            #expect(BLASThreads.withSingleThread { 42 } == 42)
            return
        }
        BLASThreads.withSingleThread {
            #expect(BLASThreads.count == 1)
            BLASThreads.withSingleThread { #expect(BLASThreads.count == 1) }
            #expect(BLASThreads.count == 1)
        }
        struct Failure: Error {}
        #expect(throws: Failure.self) { try BLASThreads.withSingleThread { throw Failure() } }
        // Tests run concurrently and encoder tests open the same window, so wait for the
        // count to come back rather than expecting it immediately.
        var waited = 0
        while BLASThreads.count != before && waited < 600 {
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
        }
        #expect(BLASThreads.count == before)
    }
}
