import Foundation
import Testing
@testable import WardScanners

/// A message's title is its first non-empty line, at most 200 characters, however the text is made.
@Suite struct ReportTextTitleTests {
    /// What the title always was: the first line between `\n` characters (a `\r\n` pair is one
    /// character, not a line break), cut at 197 characters and an ellipsis past 200.
    static func reference(_ text: String) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? text
        return line.count > 200 ? String(line.prefix(197)) + "..." : line
    }

    static let texts = [
        "", "\n", "\n\n\n", "One line.", "\n\nAfter blank lines\nsecond", "first\r\nsecond", "a\rb\nc",
        String(repeating: "x", count: 200), String(repeating: "x", count: 201), String(repeating: "y", count: 500) + "\nz",
        "naïve title\nrest", String(repeating: "é", count: 250), "e\u{301}\nnext", "\n" + String(repeating: "ab", count: 150),
    ]

    @Test(arguments: texts)
    func theTitleIsTheFirstLineCutAt200Characters(text: String) {
        #expect(ReportText.firstSentence(text) == Self.reference(text))
    }
}
