/// A dense, row-major matrix of doubles.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0)
        self.rows = rows
        self.columns = columns
        self.values = Array(repeating: value, count: rows * columns)
    }

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Builds a matrix from equal-length rows.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "Matrix: ragged rows")
        self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * columns)..<((index + 1) * columns)]
    }

    public mutating func fill(_ value: Double) {
        for i in values.indices { values[i] = value }
    }

    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { t.values[j * rows + i] = values[i * columns + j] }
        }
        return t
    }

    /// A new matrix holding the given rows, in the given order.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * columns)
        for i in indices { out.append(contentsOf: row(i)) }
        return Matrix(rows: indices.count, columns: columns, values: out)
    }

    /// self · other
    public func multiplied(by other: Matrix) -> Matrix {
        var c = Matrix(rows: rows, columns: other.columns)
        BLAS.gemm(self, other, into: &c)
        return c
    }
}
