import Testing
@testable import StanceKit

@Suite struct ReportFormattingTests {
    @Test func undefinedIsAWordNeverZeroOrNaN() {
        #expect(ReportFormatting.number(nil) == "undefined")
        #expect(ReportFormatting.number(.nan) == "undefined")
        #expect(ReportFormatting.number(.infinity) == "undefined")
        #expect(ReportFormatting.percent(nil) == "undefined")
        #expect(ReportFormatting.interval(nil) == "undefined")
        #expect(ReportFormatting.meanAndDeviation(nil, nil) == "undefined")
    }

    @Test func numbers() {
        #expect(ReportFormatting.number(0.123456) == "0.1235")
        #expect(ReportFormatting.number(-0.00001) == "0.0000")
        #expect(ReportFormatting.signed(0.01) == "+0.0100")
        #expect(ReportFormatting.signed(-0.01) == "-0.0100")
        #expect(ReportFormatting.percent(0.5) == "50.0%")
        #expect(ReportFormatting.pValue(0.00001) == "< 0.0001")
        #expect(ReportFormatting.meanAndDeviation(0.5, 0.25) == "0.5000 ± 0.2500")
        #expect(ReportFormatting.interval(BootstrapInterval(lower: 0.1, upper: 0.2, level: 0.95, resamples: 10, validResamples: 10))
                == "[0.1000, 0.2000]")
    }

    @Test func escaping() {
        #expect(ReportFormatting.escapeHTML("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(ReportFormatting.escapeHTML("bell\u{07}") == "bell ")
        #expect(ReportFormatting.escapeMarkdown("a|b *c* <d>\nline") == "a\\|b \\*c\\* \\<d\\> line")
        #expect(ReportFormatting.singleLine("a\nb\tc") == "a b c")
    }
}
