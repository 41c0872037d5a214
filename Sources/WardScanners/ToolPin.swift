import Foundation

/// One line of Ward's pinned-tools file: the executables a tool provides and its pip requirement.
public struct ToolPin: Sendable, Hashable {
    /// Executables linked into Ward's tools `bin` directory.
    public var executables: [String]
    /// The pip requirement, possibly with `--hash=` options.
    public var requirement: String

    /// The distribution name (`semgrep` of `semgrep==1.185.0`).
    public var package: String {
        String(requirement.prefix { !"=<>! ;".contains($0) })
    }

    /// The pinned version, when the requirement pins one with `==`.
    public var version: String? {
        guard let range = requirement.range(of: "==") else { return nil }
        return String(requirement[range.upperBound...].prefix { !$0.isWhitespace && $0 != ";" })
    }

    /// Whether pip must check hashes for this tool.
    public var hasHashes: Bool { requirement.contains("--hash=") }

    /// Creates a pin.
    public init(executables: [String], requirement: String) {
        self.executables = executables
        self.requirement = requirement
    }

    /// Parses the pins file: `executables requirement` per line, `#` comments and blank lines ignored.
    public static func parse(_ text: String) -> [ToolPin] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            let parts = trimmed.split(maxSplits: 1, whereSeparator: \.isWhitespace).map(String.init)
            guard parts.count == 2 else { return nil }
            return ToolPin(executables: parts[0].split(separator: ",").map(String.init),
                           requirement: parts[1].trimmingCharacters(in: .whitespaces))
        }
    }
}
