/// The line of a snippet that names a finding in its identity: the first that holds more than
/// whitespace, without its line break.
enum FirstLine {
    /// The first line of `text` holding more than whitespace; empty when none does.
    static func of(_ text: String) -> String {
        ascii(text) ?? characters(text)
    }

    /// ``of(_:)`` for a text of ASCII bytes without a carriage return, read byte by byte: each byte is
    /// then one character, and only `\n` ends a line. Nil for any other text.
    static func ascii(_ text: String) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var start = 0, blank = true
            for index in bytes.indices {
                let byte = bytes[index]
                if byte >= 0x80 || byte == 0x0D { return nil }
                if byte == 0x0A {
                    if !blank { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) }
                    start = index + 1
                } else if blank && byte != 0x20 && byte != 0x09 && byte != 0x0B && byte != 0x0C {
                    blank = false
                }
            }
            return blank ? "" : String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        } ?? nil
    }

    /// ``of(_:)`` for any text, character by character: `\r\n` is one character, so a snippet with
    /// Windows line breaks is split at its `\n`-only breaks alone, as identities have always been.
    static func characters(_ text: String) -> String {
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end]
            if !line.isEmpty && !line.allSatisfy(\.isWhitespace) { return String(line) }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
        return ""
    }
}
