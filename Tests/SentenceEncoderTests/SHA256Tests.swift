import Testing
@testable import SentenceEncoder

@Suite struct SHA256Tests {
    private func hex(_ text: String) -> String {
        Array(text.utf8).withUnsafeBytes { SHA256.hexDigest($0) }
    }

    @Test func knownVectors() {
        // FIPS 180-4 examples, plus lengths around the 55/56/64-byte padding boundaries.
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(hex(String(repeating: "a", count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        var hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 200, 7] {
            hasher.update(bytes[offset..<(offset + size)])
            offset += size
        }
        hasher.update(bytes[offset...])
        let incremental = hasher.finalize()
        var oneShot = SHA256()
        oneShot.update(bytes)
        #expect(incremental == oneShot.finalize())
    }
}
