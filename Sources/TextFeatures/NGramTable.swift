/// An open-addressing hash table from n-gram hash to a 32-bit value. The keys are already
/// well-mixed 64-bit FNV-1a hashes, so they index the table directly: no re-hashing, unlike
/// `Dictionary`, whose per-lookup SipHash dominated feature extraction.
public struct NGramTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var occupied: [Bool]
    private var mask: Int
    public private(set) var count = 0

    public init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: 0, count: capacity)
        occupied = Array(repeating: false, count: capacity)
        mask = capacity - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fold the high bits in: FNV-1a's low bits alone are weaker.
        Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
    }

    public subscript(key: UInt64) -> Int32? {
        var i = slot(key)
        while occupied[i] {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Inserts or replaces; returns the previous value.
    @discardableResult
    public mutating func updateValue(_ value: Int32, forKey key: UInt64) -> Int32? {
        if (count + 1) * 2 > keys.count { grow() }
        var i = slot(key)
        while occupied[i] {
            if keys[i] == key {
                let old = values[i]
                values[i] = value
                return old
            }
            i = (i + 1) & mask
        }
        occupied[i] = true
        keys[i] = key
        values[i] = value
        count += 1
        return nil
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values, oldOccupied = occupied
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        occupied = Array(repeating: false, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for i in oldKeys.indices where oldOccupied[i] { updateValue(oldValues[i], forKey: oldKeys[i]) }
    }
}
