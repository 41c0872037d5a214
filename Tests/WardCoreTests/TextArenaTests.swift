import Testing
import TestSupport
import WardCore

/// Texts in one arena compare as their UTF-8 bytes do (the shorter first where one begins the other)
/// and know whether they are ASCII.
@Suite struct TextArenaTests {
    static let alphabet: [String] = ["", "a", "b", "B", "/", ".", "é", "e\u{301}", "ü", "\u{1F600}", "\0"]

    @Test(arguments: 0..<10) func slicesCompareAsTheirBytes(seed: Int) {
        // Given texts from a small alphabet, many sharing a beginning, in one arena
        var generator = SeededGenerator(state: UInt64(seed))
        let texts = (0..<200).map { _ in
            (0..<Int(generator.next() % 5)).map { _ in Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))] }.joined()
        }
        var arena = TextArena()
        let slices = texts.map { arena.append($0) }

        // Then each pair compares as its bytes do, and each slice knows whether it is ASCII
        arena.bytes.withUnsafeBufferPointer { bytes in
            for (left, right) in zip(texts.indices, texts.indices.shuffled(using: &generator)) {
                let (first, second) = (Array(texts[left].utf8), Array(texts[right].utf8))
                let expected = first == second ? 0 : first.lexicographicallyPrecedes(second) ? -1 : 1
                #expect(TextArena.compare(slices[left], slices[right], in: bytes).signum() == expected)
            }
        }
        #expect(slices.map(\.isASCII) == texts.map { $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(zip(slices, texts).allSatisfy { slice, text in Array(arena.bytes[slice.start..<slice.start + Int(slice.count)]) == Array(text.utf8) })
    }
}
