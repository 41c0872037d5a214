import Foundation
import Testing
import WardCore

/// The interner hands findings equal values only, sharing the storage of the repeated ones.
@Suite struct TextInternerTests {
    /// Where a text's bytes live: equal for two strings sharing one storage.
    static func storage(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    static func storage(_ list: [String]) -> UnsafeRawPointer? {
        list.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    /// A finding whose texts are built anew on every call: equal, never sharing storage.
    static func finding(_ number: Int, path: String = "src/module/handler.py") -> Finding {
        let rule = "ward.python.rule-" + String(repeating: "x", count: 20)
        return Finding(
            toolID: "semgrep", toolVersion: "1.185.0-" + String(repeating: "9", count: 12), ruleID: rule, ruleName: rule,
            title: "Semgrep Finding: " + rule, message: "User input reaches a shell command " + String(repeating: "!", count: 3),
            kind: .sast, severity: .high, rawSeverity: "error", confidence: "very-high",
            cwes: ["CWE-78: " + String(repeating: "w", count: 10)],
            location: SourceLocation(path: path + "", startLine: number, snippet: "call(\(number)) # " + String(repeating: "s", count: 20)),
            references: ["https://example.com/" + String(repeating: "r", count: 10)],
            metadata: ["tool": "semgrep", "precision": "very-high"],
            identity: "v1:" + String(number, radix: 16) + String(repeating: "0", count: 30), raw: #"{"n":\#(number)}"#
        )
    }

    @Test func repeatedTextsShareOneStorageAndKeepTheirValues() {
        // Given two findings whose repeated texts were allocated apart
        var first = Self.finding(1)
        var second = Self.finding(2)
        let (firstBefore, secondBefore) = (first, second)
        #expect(Self.storage(first.message) != Self.storage(second.message))

        // When both pass one interner
        var interner = TextInterner()
        interner.share(&first)
        interner.share(&second)

        // Then each is unchanged, and the second holds the first's copies of what repeats
        #expect(first == firstBefore)
        #expect(second == secondBefore)
        for (a, b) in [(first.ruleID, second.ruleID), (first.title, second.title), (first.message, second.message),
                       (first.toolVersion ?? "", second.toolVersion ?? ""), (first.ruleName ?? "", second.ruleName ?? ""),
                       (first.location?.path ?? "", second.location?.path ?? "")] {
            #expect(Self.storage(a) == Self.storage(b), "\(a)")
        }
        #expect(Self.storage(first.cwes) == Self.storage(second.cwes))
        #expect(Self.storage(first.references) == Self.storage(second.references))
        // What differs per finding is left alone
        #expect(Self.storage(first.location?.snippet ?? "") != Self.storage(second.location?.snippet ?? ""))
        #expect(Self.storage(first.identity) != Self.storage(second.identity))
    }

    @Test func twoSpellingsOfOneLetterKeepTheirBytes() {
        // Given two findings whose texts are equal strings (canonically) but not equal bytes: two files on disk
        let composed = "src/handlers/caf\u{E9}_views.py", decomposed = "src/handlers/cafe\u{301}_views.py"
        #expect(composed == decomposed)
        func finding(_ text: String) -> Finding {
            Finding(toolID: "semgrep", ruleID: "rule." + text, title: text, message: text, kind: .sast, severity: .high,
                    cwes: [text], location: SourceLocation(path: text, startLine: 1), references: [text],
                    metadata: ["k": text], identity: "v1:x")
        }
        var first = finding(composed)
        var second = finding(decomposed)

        // When both pass one interner
        var interner = TextInterner()
        interner.share(&first)
        interner.share(&second)

        // Then each keeps its own bytes in every text
        let bytes = Array(decomposed.utf8)
        #expect(Array(second.location?.path.utf8 ?? "".utf8) == bytes)
        #expect(Array(second.title.utf8) == bytes)
        #expect(Array(second.message.utf8) == bytes)
        #expect(Array(second.ruleID.utf8) == Array(("rule." + decomposed).utf8))
        #expect(second.cwes.map { Array($0.utf8) } == [bytes])
        #expect(second.references.map { Array($0.utf8) } == [bytes])
        #expect(Array(second.metadata["k"]?.utf8 ?? "".utf8) == bytes)
        #expect(Array(first.location?.path.utf8 ?? "".utf8) == Array(composed.utf8))
    }

    @Test func differentTextsAreNotReplaced() {
        var interner = TextInterner()
        var first = Self.finding(1, path: "src/module/one.py")
        var second = Self.finding(2, path: "src/module/two.py")
        interner.share(&first)
        interner.share(&second)
        #expect(first.location?.path == "src/module/one.py")
        #expect(second.location?.path == "src/module/two.py")
        #expect(interner.shared("short") == "short")
        #expect(interner.shared("a text longer than fifteen bytes") == "a text longer than fifteen bytes")
    }
}
