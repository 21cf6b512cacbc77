import Testing
@testable import TextFeatures

struct IntegerSortTests {
    /// Agrees with the standard library's sort on random arrays of every short length, with and
    /// without repeated values, and on already sorted and reversed input.
    @Test func agreesWithTheStandardSort() {
        var generator = SystemRandomNumberGenerator()
        for count in 0...300 {
            for range in [UInt64(4), UInt64.max] {
                var values = (0..<count).map { _ in UInt64.random(in: 0...range, using: &generator) }
                let expected = values.sorted()
                values.withUnsafeMutableBufferPointer { IntegerSort.sort($0) }
                #expect(values == expected, "count \(count), range \(range)")
            }
        }
        var ascending = Array(UInt64(0)..<5000)
        ascending.withUnsafeMutableBufferPointer { IntegerSort.sort($0) }
        #expect(ascending == Array(0..<5000))
        var descending = Array((UInt64(0)..<5000).reversed())
        descending.withUnsafeMutableBufferPointer { IntegerSort.sort($0) }
        #expect(descending == Array(0..<5000))
    }
}
