/// Compressed sparse rows (CSR): row `i` holds `columnIndices[rowStarts[i]..<rowStarts[i+1]]`
/// with the matching `values`. Column indices within a row are sorted and unique.
public struct SparseMatrix: Sendable, Equatable {
    public private(set) var rowStarts: [Int]
    public private(set) var columnIndices: [Int32]
    public private(set) var values: [Double]
    public let columns: Int

    public var rows: Int { rowStarts.count - 1 }
    public var nonZeroCount: Int { values.count }

    public init(columns: Int) {
        self.columns = columns
        rowStarts = [0]
        columnIndices = []
        values = []
    }

    public init(columns: Int, rowStarts: [Int], columnIndices: [Int32], values: [Double]) {
        precondition(rowStarts.first == 0 && rowStarts.last == values.count && columnIndices.count == values.count,
                     "SparseMatrix: inconsistent CSR arrays")
        self.columns = columns
        self.rowStarts = rowStarts
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Appends a row given as (column, value) pairs sorted by column, without duplicates.
    public mutating func appendRow(_ entries: [(Int32, Double)]) {
        for (column, value) in entries {
            columnIndices.append(column)
            values.append(value)
        }
        rowStarts.append(values.count)
    }

    /// A matrix of `rows` rows built in parallel chunks of at least `minimumChunk` rows. Each
    /// chunk makes its own scratch memory and calls `appendRow(i, &scratch, &columnIndices,
    /// &values)` for each of its rows in order, which appends row i's entries (sorted by column,
    /// without duplicates) to CSR arrays of the chunk's own; the chunks are then joined. No
    /// per-row arrays of pairs are built, and the result does not depend on the thread count.
    public static func build<Scratch>(rows: Int, columns: Int, threads: Int, minimumChunk: Int,
                                      scratch makeScratch: () -> Scratch,
                                      appendRow: (Int, inout Scratch, inout [Int32], inout [Double]) -> Void) -> SparseMatrix {
        let chunks = ParallelLoop.map(count: rows, threads: threads, minimumChunk: minimumChunk) { range in
            var scratch = makeScratch()
            var ends = [Int](), columnIndices = [Int32](), values = [Double]()
            ends.reserveCapacity(range.count)
            for i in range {
                appendRow(i, &scratch, &columnIndices, &values)
                ends.append(values.count)
            }
            return [(ends: ends, columnIndices: columnIndices, values: values)]
        }
        var matrix = SparseMatrix(columns: columns)
        matrix.reserveCapacity(rows: rows, nonZeros: chunks.reduce(0) { $0 + $1.values.count })
        for chunk in chunks { matrix.appendRows(ends: chunk.ends, columnIndices: chunk.columnIndices, values: chunk.values) }
        return matrix
    }

    /// Appends rows given as CSR arrays of their own: `ends[r]` is where row r ends in
    /// `columnIndices` and `values` (columns sorted within each row, without duplicates).
    private mutating func appendRows(ends: [Int], columnIndices newColumns: [Int32], values newValues: [Double]) {
        precondition(newColumns.count == newValues.count && (ends.last ?? 0) == newValues.count,
                     "SparseMatrix: inconsistent CSR arrays")
        let offset = values.count
        columnIndices.append(contentsOf: newColumns)
        values.append(contentsOf: newValues)
        for end in ends { rowStarts.append(offset + end) }
    }

    public mutating func reserveCapacity(rows: Int, nonZeros: Int) {
        rowStarts.reserveCapacity(rows + 1)
        columnIndices.reserveCapacity(nonZeros)
        values.reserveCapacity(nonZeros)
    }

    public func row(_ index: Int) -> (columns: ArraySlice<Int32>, values: ArraySlice<Double>) {
        let range = rowStarts[index]..<rowStarts[index + 1]
        return (columnIndices[range], values[range])
    }

    /// A new matrix holding the given rows, in the given order.
    public func selectingRows(_ indices: [Int]) -> SparseMatrix {
        var out = SparseMatrix(columns: columns)
        var nnz = 0
        for i in indices { nnz += rowStarts[i + 1] - rowStarts[i] }
        out.reserveCapacity(rows: indices.count, nonZeros: nnz)
        for i in indices {
            let range = rowStarts[i]..<rowStarts[i + 1]
            out.columnIndices.append(contentsOf: columnIndices[range])
            out.values.append(contentsOf: values[range])
            out.rowStarts.append(out.values.count)
        }
        return out
    }

    /// Joins two matrices with the same rows side by side: [self | other].
    public func horizontallyStacked(with other: SparseMatrix) -> SparseMatrix {
        precondition(rows == other.rows, "horizontallyStacked: row counts differ")
        var out = SparseMatrix(columns: columns + other.columns)
        out.reserveCapacity(rows: rows, nonZeros: nonZeroCount + other.nonZeroCount)
        let shift = Int32(columns)
        for i in 0..<rows {
            let a = rowStarts[i]..<rowStarts[i + 1]
            out.columnIndices.append(contentsOf: columnIndices[a])
            out.values.append(contentsOf: values[a])
            let b = other.rowStarts[i]..<other.rowStarts[i + 1]
            for k in b {
                out.columnIndices.append(other.columnIndices[k] + shift)
                out.values.append(other.values[k])
            }
            out.rowStarts.append(out.values.count)
        }
        return out
    }

    /// Consecutive row ranges, at most `parts` and at least `minimumRows` rows each (bar the
    /// last), that hold about equal numbers of non-zeros. Equal row counts are not enough for a
    /// transposed TF-IDF matrix: its rows are n-grams, and the character n-grams' rows, all at
    /// the end, hold most of the non-zeros, so one thread got nearly all the work.
    public func balancedRowRanges(parts: Int, minimumRows: Int = 1) -> [Range<Int>] {
        let parts = max(1, min(parts, rows / max(minimumRows, 1)))
        guard parts > 1, nonZeroCount > 0 else { return [0..<rows] }
        var ranges: [Range<Int>] = []
        var start = 0
        for p in 1..<parts {
            // The first row that starts at or after the p-th share of the non-zeros.
            let target = nonZeroCount * p / parts
            var lo = start, hi = rows
            while lo < hi {
                let mid = (lo + hi) / 2
                if rowStarts[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            if lo > start { ranges.append(start..<lo); start = lo }
        }
        ranges.append(start..<rows)
        return ranges
    }

    /// out ← out + self · w, where w is columns × k, row-major. A CSR loop: each non-zero adds a
    /// scaled row of `w` into the output row. Rows are shared out over `threads` threads in
    /// ranges of about equal numbers of non-zeros; each output row is computed by one thread in
    /// column order, so results do not depend on `threads`.
    public func multiply(_ w: UnsafePointer<Double>, k: Int, into out: UnsafeMutablePointer<Double>, threads: Int = 1) {
        let ranges = balancedRowRanges(parts: threads, minimumRows: 256)
        ParallelLoop.chunks(count: ranges.count, threads: ranges.count) { parts in
            for part in parts { multiply(rows: ranges[part], w, k: k, into: out) }
        }
    }

    /// `multiply` for the output rows `rows`.
    private func multiply(rows: Range<Int>, _ w: UnsafePointer<Double>, k: Int, into out: UnsafeMutablePointer<Double>) {
        withStorage { starts, cols, vals in
            // Each output row is summed in locals and stored once: through pointers the
            // compiler must assume `w` and `out` overlap and reload the row per non-zero.
            switch k {
            case 3:
                for i in rows {
                    var a0 = 0.0, a1 = 0.0, a2 = 0.0
                    for p in starts[i]..<starts[i + 1] {
                        let v = vals[p], r = w + Int(cols[p]) * 3
                        a0 += v * r[0]; a1 += v * r[1]; a2 += v * r[2]
                    }
                    let o = out + i * 3
                    o[0] += a0; o[1] += a1; o[2] += a2
                }
            case 2:
                for i in rows {
                    var a0 = 0.0, a1 = 0.0
                    for p in starts[i]..<starts[i + 1] {
                        let v = vals[p], r = w + Int(cols[p]) * 2
                        a0 += v * r[0]; a1 += v * r[1]
                    }
                    let o = out + i * 2
                    o[0] += a0; o[1] += a1
                }
            default:
                withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { acc in
                    for i in rows {
                        for c in 0..<k { acc[c] = 0 }
                        for p in starts[i]..<starts[i + 1] {
                            BLASKernels.axpy(k, vals[p], w + Int(cols[p]) * k, acc.baseAddress!)
                        }
                        let o = out + i * k
                        for c in 0..<k { o[c] += acc[c] }
                    }
                }
            }
        }
    }

    /// g ← g + selfᵀ · r, where r is rows × k and g is columns × k, both row-major.
    public func addTransposeMultiply(_ r: UnsafePointer<Double>, k: Int, into g: UnsafeMutablePointer<Double>) {
        withStorage { starts, cols, vals in
            for i in 0..<(starts.count - 1) {
                let ri = r + i * k
                for p in starts[i]..<starts[i + 1] {
                    BLASKernels.axpy(k, vals[p], ri, g + Int(cols[p]) * k)
                }
            }
        }
    }

    /// The transpose, as CSR (that is, this matrix in compressed sparse columns).
    public var transposed: SparseMatrix { transposed(threads: 1) }

    /// The transpose, built on up to `threads` threads: each takes a range of rows, counts its
    /// entries per column, and then writes them to places worked out from all the counts, so
    /// every column lists its rows in increasing order and the result is the same for any
    /// thread count.
    public func transposed(threads: Int) -> SparseMatrix {
        let ranges = balancedRowRanges(parts: threads, minimumRows: 1024)
        let columns = self.columns
        // cursors[p][j]: first the entries of part p in column j, then where they go.
        var cursors = ParallelLoop.mapChunks(count: ranges.count, chunkSize: 1, threads: ranges.count) { part in
            var counts = [Int](repeating: 0, count: columns)
            let rows = ranges[part.lowerBound]
            for p in rowStarts[rows.lowerBound]..<rowStarts[rows.upperBound] { counts[Int(columnIndices[p])] += 1 }
            return counts
        }
        var starts = [Int](repeating: 0, count: columns + 1)
        for j in 0..<columns {
            var position = starts[j]
            for part in ranges.indices {
                let count = cursors[part][j]
                cursors[part][j] = position
                position += count
            }
            starts[j + 1] = position
        }
        let count = values.count
        var indices = [Int32](unsafeUninitializedCapacity: count) { _, n in n = count }
        var out = [Double](unsafeUninitializedCapacity: count) { _, n in n = count }
        indices.withUnsafeMutableBufferPointer { indices in
            out.withUnsafeMutableBufferPointer { out in
                cursors.withUnsafeMutableBufferPointer { cursors in
                    withStorage { rowStarts, columnIndices, values in
                        // Parts write disjoint positions, each through its own cursors.
                        ParallelLoop.chunks(count: ranges.count, threads: ranges.count) { parts in
                            for part in parts {
                                cursors[part].withUnsafeMutableBufferPointer { cursor in
                                    for i in ranges[part] {
                                        for p in rowStarts[i]..<rowStarts[i + 1] {
                                            let j = Int(columnIndices[p])
                                            let q = cursor[j]
                                            indices[q] = Int32(i)
                                            out[q] = values[p]
                                            cursor[j] = q + 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return SparseMatrix(columns: rows, rowStarts: starts, columnIndices: indices, values: out)
    }

    /// The three CSR arrays as buffer pointers, for the loops that must not pay for bounds checks.
    @inline(__always)
    private func withStorage<R>(_ body: (_ rowStarts: UnsafeBufferPointer<Int>, _ columnIndices: UnsafeBufferPointer<Int32>,
                                         _ values: UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try rowStarts.withUnsafeBufferPointer { starts in
            try columnIndices.withUnsafeBufferPointer { columns in
                try values.withUnsafeBufferPointer { values in try body(starts, columns, values) }
            }
        }
    }

    /// Dense copy, for tests and small problems.
    public var dense: Matrix {
        var m = Matrix(rows: rows, columns: columns)
        for i in 0..<rows {
            for p in rowStarts[i]..<rowStarts[i + 1] { m[i, Int(columnIndices[p])] = values[p] }
        }
        return m
    }
}

/// Short-vector kernels used inside sparse loops, where a BLAS call per non-zero would cost more
/// than the arithmetic (k is the number of labels, typically 2–10).
@usableFromInline
enum BLASKernels {
    @inlinable @inline(__always)
    static func axpy(_ k: Int, _ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        switch k {
        case 2:
            y[0] += a * x[0]; y[1] += a * x[1]
        case 3:
            y[0] += a * x[0]; y[1] += a * x[1]; y[2] += a * x[2]
        default:
            for c in 0..<k { y[c] += a * x[c] }
        }
    }
}
