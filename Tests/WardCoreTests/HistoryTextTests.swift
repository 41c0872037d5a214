import Testing
import WardCore

@Suite struct HistoryTextTests {
    @Test func eachNULBecomesTheReplacementCharacterAndNothingElseChanges() {
        #expect(HistoryText.storable("a\u{0}b") == "a\u{FFFD}b")
        #expect(HistoryText.storable("\u{0}\u{0}é\u{0}") == "\u{FFFD}\u{FFFD}é\u{FFFD}")
        #expect(HistoryText.storable("\u{0}\u{301}") == "\u{FFFD}\u{301}")
        #expect(HistoryText.storable("") == "")
        let plain = "ünïcødé ✓ \u{1} \u{7F} tab\t"
        #expect(HistoryText.storable(plain) == plain)
        #expect(HistoryText.storable(plain).utf8.elementsEqual(plain.utf8))
    }

    @Test func aNULIsFoundAnywhereInTheText() {
        #expect(!HistoryText.holdsNUL(""))
        #expect(!HistoryText.holdsNUL(String(repeating: "x", count: 100)))
        #expect(HistoryText.holdsNUL(String(repeating: "x", count: 100) + "\u{0}"))
        #expect(HistoryText.holdsNUL("\u{0}" + String(repeating: "é", count: 50)))
    }
}
