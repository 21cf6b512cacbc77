/// The vocabulary columns of a word's character n-grams, remembered per thread. Character
/// n-grams within word boundaries depend on the word alone, and a few thousand words make up
/// most of any text, so looking a word up once replaces hashing its dozen or so n-grams and
/// probing the vocabulary for each. Words are compared byte for byte, not by hash alone.
struct WordColumnMemo {
    private struct Slot {
        var hash: UInt64 = 0
        var byteStart: Int32 = 0
        /// -1 marks an empty slot.
        var byteCount: Int32 = -1
        var columnStart: Int32 = 0
        var columnCount: Int32 = 0
    }

    /// Which vocabulary the columns belong to.
    var owner: ObjectIdentifier?
    private var slots: [Slot] = []
    private var mask = 0
    private var words: [UInt8] = []
    private(set) var columns: [Int32] = []
    private var count = 0
    /// Words remembered at most; later new words are looked up every time.
    let wordCapacity: Int

    init(wordCapacity: Int = 32_768) {
        self.wordCapacity = wordCapacity
    }

    /// Forgets every word and starts over for another vocabulary.
    mutating func reset(owner: ObjectIdentifier) {
        self.owner = owner
        var size = 16
        while size < wordCapacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        words.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Where the word's columns are in `columns`, if it is remembered.
    func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Range<Int>? {
        guard !slots.isEmpty else { return nil }
        var i = NGramTable.slot(hash, mask)
        while true {
            let slot = slots[i]
            if slot.byteCount < 0 { return nil }
            if slot.hash == hash && Int(slot.byteCount) == word.count && equal(word, at: Int(slot.byteStart)) {
                return Int(slot.columnStart)..<Int(slot.columnStart + slot.columnCount)
            }
            i = (i + 1) & mask
        }
    }

    private func equal(_ word: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        words.withUnsafeBufferPointer { stored in
            for k in 0..<word.count where stored[start + k] != word[k] { return false }
            return true
        }
    }

    /// Remembers a word not yet remembered, unless the memo is full.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, columns newColumns: ArraySlice<Int32>) {
        guard !slots.isEmpty, count < wordCapacity, words.count + word.count <= Int(Int32.max),
              columns.count + newColumns.count <= Int(Int32.max) else { return }
        var i = NGramTable.slot(hash, mask)
        while slots[i].byteCount >= 0 { i = (i + 1) & mask }
        slots[i] = Slot(hash: hash, byteStart: Int32(words.count), byteCount: Int32(word.count),
                        columnStart: Int32(columns.count), columnCount: Int32(newColumns.count))
        words.append(contentsOf: word)
        columns.append(contentsOf: newColumns)
        count += 1
    }
}
