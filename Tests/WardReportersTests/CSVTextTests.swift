import Foundation
import Testing
import WardReporters

/// CSV cells from scanned repositories: quoted as RFC 4180 says, and never a formula in a spreadsheet.
@Suite struct CSVTextTests {
    @Test(arguments: [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("a=b", "a=b"), ("plain", "plain"),
        ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("=a,\"b\"", "\"'=a,\"\"b\"\"\""), ("red\u{1B}[31m!\u{07}", "red[31m!"), ("\u{1B}=x", "'=x"),
    ])
    func cellIsQuotedAndNeutralized(input: String, expected: String) {
        #expect(CSVText.cell(input) == expected)
    }

    @Test func rowEndsWithCRLF() {
        #expect(CSVText.row(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
    }
}
