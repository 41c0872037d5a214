import Foundation

/// Rewrites of rule regexes for other engines: Vectorscan (no capture groups, no huge bounded
/// repeats) and ripgrep's own engine (no lookarounds). Each goes through one walker that copies
/// escapes and character classes verbatim and rewrites only what stands outside them.
public enum RegexRewriting {
    /// What a rewrite does at one position outside escapes and classes.
    typealias Step = (_ bytes: [UInt8], _ index: Int) -> (emit: [UInt8], next: Int)?

    /// `pattern` rewritten by `step`; positions where `step` returns `nil` are copied.
    ///
    /// - Parameter literalLeadingBracket: treat `]` right after `[` or `[^` as a class member
    ///   (PCRE2's reading) rather than as the end of the class.
    static func rewrite(_ pattern: String, literalLeadingBracket: Bool = false, step: Step) -> String {
        let bytes = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = 0
        var inClass = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[index..<min(index + 2, bytes.count)])
                index += 2
                continue
            }
            if inClass {
                if byte == UInt8(ascii: "]") { inClass = false }
                out.append(byte)
                index += 1
                continue
            }
            if byte == UInt8(ascii: "[") {
                inClass = true
                out.append(byte)
                index += 1
                guard literalLeadingBracket else { continue }
                if index < bytes.count, bytes[index] == UInt8(ascii: "^") { out.append(bytes[index]); index += 1 }
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { out.append(bytes[index]); index += 1 }
                continue
            }
            if let (emit, next) = step(bytes, index) {
                out += emit
                index = next
                continue
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `regex` with every capturing group made non-capturing (Vectorscan reports no groups, and
    /// named-group syntax is PCRE2's).
    static func nonCapturing(_ regex: String) -> String {
        rewrite(regex, literalLeadingBracket: true) { bytes, index in
            guard bytes[index] == UInt8(ascii: "(") else { return nil }
            let at = { (offset: Int) -> UInt8 in index + offset < bytes.count ? bytes[index + offset] : 0 }
            guard at(1) == UInt8(ascii: "?") else {
                return at(1) == UInt8(ascii: "*") ? nil : (Array("(?:".utf8), index + 1)
            }
            var nameStart: Int?
            if at(2) == UInt8(ascii: "P"), at(3) == UInt8(ascii: "<") { nameStart = index + 4 }
            if at(2) == UInt8(ascii: "<"), at(3) != UInt8(ascii: "="), at(3) != UInt8(ascii: "!") { nameStart = index + 3 }
            if at(2) == UInt8(ascii: "'") { nameStart = index + 3 }
            guard let nameStart else { return nil }
            var end = nameStart
            while end < bytes.count, bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: "'") { end += 1 }
            return (Array("(?:".utf8), end + 1)
        }
    }

    /// `pattern` with every bounded repeat larger than `limit` made open-ended
    /// (`{64,16384}` becomes `{64,}`), and whether any was.
    static func relaxingRepeats(_ pattern: String, limit: Int) -> (String, Bool) {
        var relaxed = false
        let result = rewrite(pattern) { bytes, index in
            guard bytes[index] == UInt8(ascii: "{"), let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
            let body = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            let parts = body.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 1 || parts.count == 2, let low = Int(parts[0]),
                  parts.count == 1 || parts[1].isEmpty || Int(parts[1]) != nil else { return nil }
            let high = parts.count == 2 ? Int(parts[1]) : low
            guard low > limit || (high ?? 0) > limit else { return nil }
            relaxed = true
            return (Array("{\(min(low, limit)),}".utf8), close + 1)
        }
        return (result, relaxed)
    }

    /// `regex` without its lookaround groups (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`), for engines
    /// that have none.
    public static func withoutLookarounds(_ regex: String) -> String {
        rewrite(regex) { bytes, index in
            let lookarounds = ["(?=", "(?!", "(?<=", "(?<!"].map { Array($0.utf8) }
            guard lookarounds.contains(where: { index + $0.count <= bytes.count && Array(bytes[index..<(index + $0.count)]) == $0 })
            else { return nil }
            return ([], matchingParenthesis(bytes, from: index) + 1)
        }
    }

    /// The index of the `)` closing the group opened at `start` (or the end of the pattern).
    private static func matchingParenthesis(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var position = start
        var classOpen = false
        while position < bytes.count {
            let current = bytes[position]
            if current == UInt8(ascii: "\\") { position += 2; continue }
            if classOpen {
                if current == UInt8(ascii: "]") { classOpen = false }
            } else if current == UInt8(ascii: "[") {
                classOpen = true
            } else if current == UInt8(ascii: "(") {
                depth += 1
            } else if current == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { break }
            }
            position += 1
        }
        return position
    }
}
