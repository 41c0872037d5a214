import Foundation
import Testing
import WardReporters

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("\u{1B}[31mred\u{1B}[0m", "red"),
        ("title\u{1B}]0;pwned\u{07}after", "titleafter"),
        ("link \u{1B}]8;;http://evil\u{1B}\\click\u{1B}]8;;\u{1B}\\", "link click"),
        ("a\u{0}b\u{7F}c\u{85}d", "abcd"),
        ("safe\u{202E}txt.exe\u{2066}", "safetxt.exe"),
        ("line\nbreak\ttab\rreturn", "line break tab return"),
        ("clear\u{1B}[2J\u{1B}[H", "clear"),
    ])
    func stripsControlAndEscapeSequences(input: String, expected: String) {
        #expect(TerminalText.sanitize(input) == expected)
    }

    @Test func fitsToAWidth() {
        #expect(TerminalText.fit("abcdef", width: 4) == "abc…")
        #expect(TerminalText.fit("abc", width: 4) == "abc")
    }
}
