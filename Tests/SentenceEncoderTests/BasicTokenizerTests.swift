import Testing
@testable import SentenceEncoder

@Suite struct BasicTokenizerTests {
    let uncased = BasicTokenizer()

    @Test func lowerCasesAndSplitsPunctuation() {
        #expect(uncased.split(" \tHeLLo!how  \n Are yoU?  ") == ["hello", "!", "how", "are", "you", "?"])
        #expect(uncased.split("state-of-the-art, U.S.") == ["state", "-", "of", "-", "the", "-", "art", ",", "u", ".", "s", "."])
        // ASCII symbols count as punctuation for BERT even where Unicode calls them symbols.
        #expect(uncased.split("$5^2`x~y|z") == ["$", "5", "^", "2", "`", "x", "~", "y", "|", "z"])
        // Unicode punctuation (P*): inverted question mark, em dash, curly quote.
        #expect(uncased.split("¿qué—Ukraine’s") == ["¿", "que", "—", "ukraine", "’", "s"])
    }

    @Test func stripsAccentsThroughNFD() {
        #expect(uncased.split("Le café était fermé; naïve") == ["le", "cafe", "etait", "ferme", ";", "naive"])
        // Already-decomposed input gives the same words.
        #expect(uncased.split("cafe\u{301}") == ["cafe"])
        // Lower-cased İ decomposes to i + combining dot, which is stripped.
        #expect(uncased.split("İSTANBUL") == ["istanbul"])
    }

    @Test func keepsAccentsWhenCased() {
        let cased = BasicTokenizer(lowercase: false)
        #expect(cased.split("Café Été") == ["Café", "Été"])
        let strippedButCased = BasicTokenizer(lowercase: false, stripAccents: true)
        #expect(strippedButCased.split("Café") == ["Cafe"])
    }

    @Test func splitsChineseCharacters() {
        #expect(uncased.split("北京 and 東京") == ["北", "京", "and", "東", "京"])
        #expect(uncased.split("ah博推zz") == ["ah", "博", "推", "zz"])
        // Hiragana is not a CJK ideograph: it stays one word. (NFD splits the voiced "が" into
        // "か" + U+3099, a non-spacing mark, which uncased BERT strips like an accent.)
        #expect(uncased.split("ひらがな") == ["ひらかな"])
        let off = BasicTokenizer(tokenizeChineseCharacters: false)
        #expect(off.split("ah博推zz") == ["ah博推zz"])
    }

    @Test func cleansControlCharactersAndWhitespace() {
        // NUL, U+FFFD, a C0 control, a zero-width format character and a private-use character vanish;
        // tabs, newlines and the no-break / ideographic spaces separate words.
        #expect(uncased.split("a\u{0}b\u{FFFD}c\u{7}d\u{200B}e\u{E000}f") == ["abcdef"])
        #expect(uncased.split("Tabs\tand\nnewlines\r\nhere\u{A0}and\u{3000}there") ==
                ["tabs", "and", "newlines", "here", "and", "there"])
        #expect(uncased.split("") == [])
        #expect(uncased.split(" \n\t ") == [])
    }

    @Test func variationSelectorIsAMarkAndIsStripped() {
        // U+FE0F is a non-spacing mark: the dove emoji remains as one word.
        #expect(uncased.split("peace 🕊️ talks") == ["peace", "🕊", "talks"])
    }
}
