import Testing
@testable import LinearAlgebra

@Suite struct SparseMatrixTests {
    func sample() -> SparseMatrix {
        var s = SparseMatrix(columns: 3)
        s.appendRow([(0, 1.0), (2, 2.0)])
        s.appendRow([])
        s.appendRow([(1, -1.0)])
        return s
    }

    @Test func multiplyMatchesDenseGemm() {
        let s = sample()
        let w = Matrix([[1, 2], [3, 4], [5, 6]])
        var out = [Double](repeating: 0, count: 6)
        w.values.withUnsafeBufferPointer { wp in
            out.withUnsafeMutableBufferPointer { op in s.multiply(wp.baseAddress!, k: 2, into: op.baseAddress!) }
        }
        #expect(out == s.dense.multiplied(by: w).values)
    }

    @Test func transposeMultiplyMatchesDense() {
        let s = sample()
        let r = Matrix([[1, 0], [5, 5], [0, 2]])
        var g = [Double](repeating: 0, count: 6)
        r.values.withUnsafeBufferPointer { rp in
            g.withUnsafeMutableBufferPointer { gp in s.addTransposeMultiply(rp.baseAddress!, k: 2, into: gp.baseAddress!) }
        }
        var expected = Matrix(rows: 3, columns: 2)
        BLAS.gemm(s.dense, r, into: &expected, transA: .transpose)
        #expect(g == expected.values)
    }

    /// Rows 0..<4000 with one non-zero each, then 1,000 rows with 40 each: most non-zeros sit
    /// in the last rows, as in a transposed TF-IDF matrix whose last rows are character n-grams.
    func skewed() -> SparseMatrix {
        var s = SparseMatrix(columns: 50)
        var state: UInt64 = 7
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        for i in 0..<5000 {
            let count = i < 4000 ? 1 : 40
            let columns = Set((0..<count).map { _ in Int32(next() % 50) }).sorted()
            s.appendRow(columns.map { ($0, Double(next() % 1000) / 100 - 5) })
        }
        return s
    }

    @Test func balancedRangesSplitTheNonZeros() {
        let s = skewed()
        let ranges = s.balancedRowRanges(parts: 2, minimumRows: 256)
        #expect(ranges.count == 2)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == s.rows)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        let shares = ranges.map { s.rowStarts[$0.upperBound] - s.rowStarts[$0.lowerBound] }
        // Equal row counts would give the first half under a tenth of the non-zeros.
        #expect(shares.allSatisfy { abs($0 - s.nonZeroCount / 2) <= 40 })
        #expect(s.balancedRowRanges(parts: 8, minimumRows: 1000).count == 5)
        #expect(SparseMatrix(columns: 3).balancedRowRanges(parts: 4) == [0..<0])
    }

    @Test func threadCountChangesNeitherTransposeNorProduct() {
        let s = skewed()
        let single = s.transposed
        #expect(single.dense.values == s.dense.transposed.values)
        #expect(s.transposed(threads: 3) == single)
        let w = (0..<(50 * 3)).map { Double($0 % 7) - 3.5 }
        var one = [Double](repeating: 0, count: s.rows * 3), two = one
        w.withUnsafeBufferPointer { wp in
            one.withUnsafeMutableBufferPointer { s.multiply(wp.baseAddress!, k: 3, into: $0.baseAddress!, threads: 1) }
            two.withUnsafeMutableBufferPointer { s.multiply(wp.baseAddress!, k: 3, into: $0.baseAddress!, threads: 2) }
        }
        #expect(one == two)
    }

    @Test func stackingAndSelecting() {
        let s = sample()
        let both = s.horizontallyStacked(with: s)
        #expect(both.columns == 6 && both.rows == 3)
        #expect(both.dense.row(0).elementsEqual([1, 0, 2, 1, 0, 2]))
        let picked = s.selectingRows([2, 0])
        #expect(picked.dense == Matrix([[0, -1, 0], [1, 0, 2]]))
    }
}
