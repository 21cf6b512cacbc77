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

    @Test func stackingAndSelecting() {
        let s = sample()
        let both = s.horizontallyStacked(with: s)
        #expect(both.columns == 6 && both.rows == 3)
        #expect(both.dense.row(0).elementsEqual([1, 0, 2, 1, 0, 2]))
        let picked = s.selectingRows([2, 0])
        #expect(picked.dense == Matrix([[0, -1, 0], [1, 0, 2]]))
    }
}
