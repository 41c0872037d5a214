import Foundation
import Testing
@testable import WardCore

/// Strings are scanned eight bytes at a time until a quote, backslash, control byte (or, when
/// checking a streamed document, a byte that is not ASCII) turns up: every such byte, at every
/// place within and across the eight-byte words, gives what reading byte by byte gives.
@Suite struct JSONStringScanTests {
    /// One thing put into a string: its bytes in the document, and the text it stands for (nil:
    /// the document is refused, with this reason, at the thing's first byte).
    struct Piece: Sendable {
        var bytes: [UInt8]
        var text: String?
        var refusal: String?
    }

    static let pieces: [Piece] = [
        Piece(bytes: Array("\\n".utf8), text: "\n"),
        Piece(bytes: Array("\\\"".utf8), text: "\""),
        Piece(bytes: Array("\\u00e9".utf8), text: "é"),
        Piece(bytes: [0xC3, 0xA9], text: "é"),
        Piece(bytes: [0xF0, 0x9F, 0x94, 0x91], text: "🔑"),
        Piece(bytes: [0x7F], text: "\u{7F}"),
        Piece(bytes: [0x01], refusal: "control character in string"),
        Piece(bytes: [0x0A], refusal: "control character in string"),
        Piece(bytes: [0xFF], refusal: "invalid UTF-8 in string"),
        Piece(bytes: [0xC3], refusal: "invalid UTF-8 in string"),
    ]

    @Test(arguments: 0..<pieces.count)
    func everyByteAtEveryPlaceReadsAsByteByByte(piece index: Int) throws {
        let piece = Self.pieces[index]
        for length in 0...20 {
            for place in 0...length {
                let before = String(repeating: "a", count: place), after = String(repeating: "b", count: length - place)
                // The member name shifts the string's start, so every alignment of the words is met.
                for name in ["k", "key", "a longer name"] {
                    // Once in a member of the header, once in an element of a streamed array, which
                    // the checking pass alone reads when the document is opened.
                    let inHeader = Array("{\"\(name)\": \"\(before)".utf8), inElement = Array("{\"\(name)\": \"\", \"next\": [\"\(before)".utf8)
                    try check(Data(inHeader + piece.bytes + Array("\(after)\", \"next\": [\"\"]}".utf8)), piece: piece,
                              expected: before + (piece.text ?? "") + after, at: [.key(name)], offset: inHeader.count)
                    try check(Data(inElement + piece.bytes + Array("\(after)\"]}".utf8)), piece: piece,
                              expected: before + (piece.text ?? "") + after, at: [.key("next"), .index(0)], offset: inElement.count)
                }
            }
        }
    }

    private func check(_ document: Data, piece: Piece, expected: String, at path: [JSONDocument.Step], offset: Int) throws {
        let context = Comment(rawValue: String(decoding: document, as: UTF8.self))
        let streamed = Result { () throws(JSONParser.SyntaxError) in try JSONDocument.open(document, streaming: [["next"]]) }
        do {
            let value = try JSONParser.parse(document)
            #expect(piece.refusal == nil, context)
            #expect(Self.value(at: path, in: value).string == expected, context)
            let opened = try streamed.get()
            let read = path.first == .key("next") ? opened.elements(at: [.key("next")])?.first ?? .null : opened.header
            #expect(Self.value(at: path.first == .key("next") ? [] : path, in: read).string == expected, context)
        } catch {
            #expect(error.reason == piece.refusal, context)
            #expect(error.offset == offset, context)
            // The streamed document is refused alike, at the same place.
            if case .failure(let streamedError) = streamed { #expect(streamedError == error, context) } else { Issue.record("opened: \(context)") }
        }
    }

    private static func value(at path: [JSONDocument.Step], in value: JSONValue) -> JSONValue {
        path.reduce(value) { value, step in
            switch step {
            case .key(let name): value[name]
            case .index(let index): value[index]
            }
        }
    }
}
