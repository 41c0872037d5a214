import Foundation

/// Path globs: `*` matches within one folder, `**` across folders, `?` one character.
///
/// The one glob Ward has: policy waivers match paths with it, and the history's
/// `ward findings --path` calls it from SQL, so a glob selects the same paths everywhere.
public enum Glob {
    /// Whether `path` matches `pattern` entirely.
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.unicodeScalars), 0, Array(path.unicodeScalars), 0)
    }

    private static func match(_ pattern: [Unicode.Scalar], _ p: Int, _ text: [Unicode.Scalar], _ t: Int) -> Bool {
        if p == pattern.count { return t == text.count }
        let current = pattern[p]
        if current == "*" {
            let doubled = p + 1 < pattern.count && pattern[p + 1] == "*"
            let next = doubled ? p + 2 : p + 1
            // `**/` also matches no folder at all.
            if doubled, next < pattern.count, pattern[next] == "/", match(pattern, next + 1, text, t) { return true }
            var index = t
            while true {
                if match(pattern, next, text, index) { return true }
                guard index < text.count, doubled || text[index] != "/" else { return false }
                index += 1
            }
        }
        guard t < text.count else { return false }
        if current == "?" { return text[t] != "/" && match(pattern, p + 1, text, t + 1) }
        return current == text[t] && match(pattern, p + 1, text, t + 1)
    }
}
