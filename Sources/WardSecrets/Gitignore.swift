import Foundation

/// The patterns of one `.gitignore` file (or `.git/info/exclude`), matched as git does for the
/// common cases: `#` comments, `!` negation, `/`-anchored and slash-containing patterns relative to
/// the file's directory, bare names at any depth, trailing `/` for directories, `*`, `?`, `[...]`
/// and `**`. Not supported: `core.excludesFile` and the global excludes.
public struct Gitignore: Sendable {
    struct Pattern: Sendable {
        var glob: [UInt8]
        var negated: Bool
        var directoryOnly: Bool
        /// Matched against the path relative to the file's directory; otherwise against the name.
        var anchored: Bool
    }

    var patterns: [Pattern]

    /// Parses the text of a `.gitignore` file.
    public init(_ text: String) {
        patterns = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = Array((rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine).utf8)
            // Trailing spaces are dropped unless escaped.
            while let last = line.last, last == UInt8(ascii: " "), !(line.count >= 2 && line[line.count - 2] == UInt8(ascii: "\\")) {
                line.removeLast()
            }
            guard let first = line.first, first != UInt8(ascii: "#") else { continue }
            var negated = false
            if first == UInt8(ascii: "!") {
                negated = true
                line.removeFirst()
            } else if first == UInt8(ascii: "\\"), line.count > 1, line[1] == UInt8(ascii: "#") || line[1] == UInt8(ascii: "!") {
                line.removeFirst()
            }
            var directoryOnly = false
            if line.last == UInt8(ascii: "/") {
                directoryOnly = true
                line.removeLast()
            }
            guard !line.isEmpty else { continue }
            var anchored = line.contains(UInt8(ascii: "/"))
            if line.first == UInt8(ascii: "/") {
                line.removeFirst()
                anchored = true
            }
            patterns.append(Pattern(glob: line, negated: negated, directoryOnly: directoryOnly, anchored: anchored))
        }
    }

    /// `true` ignored, `false` re-included by a negation, `nil` when no pattern speaks about it.
    /// `path` is relative to the file's directory.
    public func verdict(_ path: String, isDirectory: Bool) -> Bool? {
        let full = Array(path.utf8)
        let name: ArraySlice<UInt8> = full.lastIndex(of: UInt8(ascii: "/")).map { full[($0 + 1)...] } ?? full[...]
        for pattern in patterns.reversed() {
            if pattern.directoryOnly && !isDirectory { continue }
            let subject = pattern.anchored ? full[...] : name
            if Self.glob(pattern.glob[...], subject) { return !pattern.negated }
        }
        return nil
    }

    /// Whether `subject` matches the glob `pattern` (`*` and `?` stop at `/`, `**` crosses it).
    static func glob(_ pattern: ArraySlice<UInt8>, _ subject: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var s = subject.startIndex
        while p < pattern.endIndex {
            let c = pattern[p]
            switch c {
            case UInt8(ascii: "*"):
                if p + 1 < pattern.endIndex, pattern[p + 1] == UInt8(ascii: "*") {
                    var next = p + 2
                    if next == pattern.endIndex { return true }
                    if pattern[next] == UInt8(ascii: "/") {
                        next += 1
                        if glob(pattern[next...], subject[s...]) { return true }
                        var k = s
                        while k < subject.endIndex {
                            if subject[k] == UInt8(ascii: "/"), glob(pattern[next...], subject[(k + 1)...]) { return true }
                            k += 1
                        }
                        return false
                    }
                    var k = s
                    while k <= subject.endIndex {
                        if glob(pattern[next...], subject[k...]) { return true }
                        k += 1
                    }
                    return false
                }
                let next = p + 1
                var k = s
                while true {
                    if glob(pattern[next...], subject[k...]) { return true }
                    if k >= subject.endIndex || subject[k] == UInt8(ascii: "/") { return false }
                    k += 1
                }
            case UInt8(ascii: "?"):
                guard s < subject.endIndex, subject[s] != UInt8(ascii: "/") else { return false }
                p += 1
                s += 1
            case UInt8(ascii: "["):
                guard s < subject.endIndex, let (matched, end) = matchClass(pattern, at: p, subject[s]) else {
                    if s < subject.endIndex, subject[s] == c { p += 1; s += 1; continue }
                    return false
                }
                guard matched else { return false }
                p = end
                s += 1
            case UInt8(ascii: "\\") where p + 1 < pattern.endIndex:
                guard s < subject.endIndex, subject[s] == pattern[p + 1] else { return false }
                p += 2
                s += 1
            default:
                guard s < subject.endIndex, subject[s] == c else { return false }
                p += 1
                s += 1
            }
        }
        return s == subject.endIndex
    }

    /// Matches one byte against the class starting at `start` (`[`); returns the verdict and the
    /// index after `]`, or `nil` when the class is not closed.
    private static func matchClass(_ pattern: ArraySlice<UInt8>, at start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.endIndex, pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            let c = pattern[i]
            if c == UInt8(ascii: "]"), !first { return (matched != negate && byte != UInt8(ascii: "/"), i + 1) }
            first = false
            var low = c
            if c == UInt8(ascii: "\\"), i + 1 < pattern.endIndex {
                i += 1
                low = pattern[i]
            }
            if i + 2 < pattern.endIndex, pattern[i + 1] == UInt8(ascii: "-"), pattern[i + 2] != UInt8(ascii: "]") {
                let high = pattern[i + 2]
                if byte >= low && byte <= high { matched = true }
                i += 3
            } else {
                if byte == low { matched = true }
                i += 1
            }
        }
        return nil
    }
}
