import Testing
@testable import TextFeatures

@Suite struct NGramAnalyzerTests {
    func grams(_ analyzer: NGramAnalyzer, _ text: String) -> [String] {
        let analyzed = analyzer.analyze(text)
        var out = [String]()
        analyzer.forEachNGram(in: analyzed) { hash, location in
            let s = analyzer.string(at: location, in: analyzed)
            #expect(StableHash.hash(s) == hash, "hash of \(s)")
            out.append(s)
        }
        return out
    }

    @Test func wordNGrams() {
        let a = NGramAnalyzer(kind: .word, minN: 1, maxN: 2)
        #expect(grams(a, "No new sanctions") == ["no", "new", "sanctions", "no new", "new sanctions"])
        #expect(grams(NGramAnalyzer(kind: .word, minN: 3, maxN: 3), "only two").isEmpty)
    }

    @Test func characterNGramsInsideWordBoundaries() {
        let a = NGramAnalyzer(kind: .charWithinWords, minN: 2, maxN: 3)
        #expect(grams(a, "Go on").sorted() == [" g", "go", "o ", " go", "go ", " o", "on", "n ", " on", "on "].sorted())
        // A padded word shorter than n is counted once, whole.
        #expect(grams(NGramAnalyzer(kind: .charWithinWords, minN: 3, maxN: 5), "a") == [" a "])
    }

    @Test func multiByteCharactersAreOneCharacter() {
        let a = NGramAnalyzer(kind: .charWithinWords, minN: 2, maxN: 2)
        #expect(grams(a, "né").sorted() == [" n", "né", "é "].sorted())
    }

    @Test func perTokenHashesFollowTheTextOrder() {
        let a = NGramAnalyzer(kind: .charWithinWords, minN: 2, maxN: 5)
        let analyzed = a.analyze("Kim Jong-un's envoy met Moon in Panmunjŏm, 27 April")
        var whole = [UInt64]()
        a.appendHashes(of: analyzed, to: &whole)
        var byToken = [UInt64]()
        for index in analyzed.tokens.indices { a.appendHashes(ofToken: index, in: analyzed, to: &byToken) }
        #expect(!whole.isEmpty)
        #expect(byToken == whole)
    }

    @Test func stableHashIsFNV1a() {
        #expect(StableHash.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(StableHash.hash("foobar") == 0x8594_4171_f739_67e8)
    }
}
