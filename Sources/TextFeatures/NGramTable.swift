/// An open-addressing hash table from n-gram hash to a 32-bit value. The keys are already
/// well-mixed 64-bit FNV-1a hashes, so they index the table directly: no re-hashing, unlike
/// `Dictionary`, whose per-lookup SipHash dominated feature extraction. Key and value share one
/// slot, so a lookup usually touches a single cache line; key 0 marks an empty slot, and the
/// (vanishingly unlikely) n-gram whose hash is 0 is kept aside.
public struct NGramTable: Sendable {
    struct Slot {
        var key: UInt64
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    private var zeroValue: Int32?
    public private(set) var count = 0

    public init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: 0), count: capacity)
        mask = capacity - 1
    }

    /// Where a key's probe starts (also used by `WordColumnMemo`, whose keys are FNV-1a hashes too).
    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        // Fold the high bits in: FNV-1a's low bits alone are weaker.
        Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
    }

    public subscript(key: UInt64) -> Int32? {
        @inline(__always) get {
            if key == 0 { return zeroValue }
            return slots.withUnsafeBufferPointer { s in
                var i = NGramTable.slot(key, mask)
                while true {
                    let k = s[i].key
                    if k == key { return s[i].value }
                    if k == 0 { return nil }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Inserts or replaces; returns the previous value.
    @discardableResult
    public mutating func updateValue(_ value: Int32, forKey key: UInt64) -> Int32? {
        if key == 0 {
            defer { zeroValue = value }
            if zeroValue == nil { count += 1 }
            return zeroValue
        }
        if (count + 1) * 2 > slots.count { grow() }
        var i = NGramTable.slot(key, mask)
        while slots[i].key != 0 {
            if slots[i].key == key {
                let old = slots[i].value
                slots[i].value = value
                return old
            }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, value: value)
        count += 1
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: 0), count: old.count * 2)
        mask = slots.count - 1
        count = zeroValue == nil ? 0 : 1
        for s in old where s.key != 0 { updateValue(s.value, forKey: s.key) }
    }
}
