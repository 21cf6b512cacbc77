import LinearAlgebra

/// The features of a set of texts: a sparse block (TF-IDF n-grams, CSR) followed by an
/// optional dense block (sentence-encoder vectors). Columns are numbered sparse first.
public struct FeatureMatrix: Sendable {
    public var sparse: SparseMatrix
    public var dense: Matrix?

    public init(sparse: SparseMatrix, dense: Matrix? = nil) {
        precondition(dense == nil || dense!.rows == sparse.rows, "FeatureMatrix: block row counts differ")
        self.sparse = sparse
        self.dense = dense
    }

    public var rows: Int { sparse.rows }
    public var sparseColumns: Int { sparse.columns }
    public var denseColumns: Int { dense?.columns ?? 0 }
    public var columns: Int { sparseColumns + denseColumns }

    public func selectingRows(_ indices: [Int]) -> FeatureMatrix {
        FeatureMatrix(sparse: sparse.selectingRows(indices), dense: dense?.selectingRows(indices))
    }

    /// Both blocks as one dense matrix (for small problems solved by Newton's method).
    public var densified: Matrix {
        var out = Matrix(rows: rows, columns: columns)
        for i in 0..<rows {
            let (cols, vals) = sparse.row(i)
            for (c, v) in zip(cols, vals) { out[i, Int(c)] = v }
            if let dense {
                for j in 0..<dense.columns { out[i, sparseColumns + j] = dense[i, j] }
            }
        }
        return out
    }
}
