import Testing
@testable import TextFeatures

@Suite struct WordTokenizerTests {
    func tokens(_ text: String, _ normalizer: TextNormalizer = TextNormalizer()) -> [String] {
        let bytes = normalizer.normalizedBytes(text)
        return WordTokenizer().tokens(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func keepsContractionsAndHyphenatedWords() {
        #expect(tokens("Pyongyang doesn't want a step-by-step deal.") ==
                ["pyongyang", "doesn't", "want", "a", "step-by-step", "deal"])
        #expect(tokens("Kim’s envoy — a hard-liner — isn’t coming") ==
                ["kim's", "envoy", "a", "hard-liner", "isn't", "coming"])
    }

    @Test func keepsAbbreviationsAndFigures() {
        #expect(tokens("The U.S. offered $34,000 and 2.5 percent, not 3.") ==
                ["the", "u.s", "offered", "34,000", "and", "2.5", "percent", "not", "3"])
    }

    @Test func dropsPunctuationAndQuotes() {
        #expect(tokens("\"No deal,\" he said; (talks) 'ended' -- again...") ==
                ["no", "deal", "he", "said", "talks", "ended", "again"])
    }

    @Test func unicodeLettersAndCasing() {
        #expect(tokens("ÉTATS-UNIS and Señor García") == ["états-unis", "and", "señor", "garcía"])
        #expect(tokens("Café", TextNormalizer(stripAccents: true)) == ["cafe"])
        #expect(tokens("İstanbul talks") == ["i̇stanbul", "talks"])
        #expect(tokens("北京 talks") == ["北京", "talks"])
    }

    @Test func emptyAndSeparatorOnly() {
        #expect(tokens("").isEmpty)
        #expect(tokens(" -- ... !!").isEmpty)
    }
}
