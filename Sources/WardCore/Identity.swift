import Foundation

/// Builds the stable identity key of a finding: what it is, independent of where it is now.
///
/// The rules follow the architecture: code findings hash the flagged source text with
/// whitespace collapsed (never line numbers); secrets use a keyed hash of the value; dependency
/// findings use ecosystem, package, canonical advisory and manifest; container findings use the
/// image repository without tag or digest. Keys are versioned (`v1`) so a migration can tell them apart.
public enum Identity {
    /// Identity of a code finding (SAST, IaC).
    ///
    /// - Parameters:
    ///   - family: the tool family (`bandit`, `semgrep`).
    ///   - ruleID: the tool's rule id.
    ///   - path: path relative to the scan root.
    ///   - flaggedText: the flagged source line(s); whitespace is collapsed before hashing.
    ///   - occurrence: 0 for the first hit of this rule on identical text in this file, then 1, 2…
    public static func code(family: String, ruleID: String, path: String, flaggedText: String, occurrence: Int) -> String {
        key(["code", family, ruleID, path, collapseWhitespace(flaggedText), String(occurrence)])
    }

    /// Identity of a secret: rule, path and a keyed hash of the value, never the value.
    public static func secret(ruleID: String, path: String, secretHash: String) -> String {
        key(["secret", ruleID, path, secretHash])
    }

    /// Identity of a dependency advisory; the installed version is deliberately left out.
    public static func dependency(ecosystem: String, packageName: String, advisoryID: String, manifestPath: String) -> String {
        key(["dependency", ecosystem.lowercased(), packageName, advisoryID, manifestPath])
    }

    /// Identity of a vulnerable package in a container image.
    public static func container(imageRepository: String, packageName: String, advisoryID: String) -> String {
        key(["container", imageRepository, packageName, advisoryID])
    }

    /// Collapses every run of whitespace to one space and trims the ends.
    public static func collapseWhitespace(_ text: String) -> String {
        if ASCIIText.isASCII(text) { return withCollapsedASCII(text) { String(decoding: $0, as: UTF8.self) } }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Calls `body` with the UTF-8 bytes of ``collapseWhitespace(_:)`` of `text`; for ASCII text they
    /// are gathered on the stack (never longer than the text), so hashing them builds no string.
    public static func withCollapsedWhitespace<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard ASCIIText.isASCII(text) else {
            var collapsed = collapseWhitespace(text)
            return collapsed.withUTF8(body)
        }
        return withCollapsedASCII(text, body)
    }

    /// ASCII text with runs of whitespace as one space and the ends trimmed, handed to `body`.
    private static func withCollapsedASCII<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.utf8.count) { collapsed in
            var count = 0
            var pendingSpace = false
            for byte in text.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        collapsed[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    collapsed[count] = byte
                    count += 1
                }
            }
            return body(UnsafeBufferPointer(rebasing: collapsed[..<count]))
        }
    }

    private static func key(_ parts: [String]) -> String {
        let joined = parts.joined(separator: "\u{1F}")
        return "v1:" + String(SHA256.hex(joined).prefix(40))
    }
}
