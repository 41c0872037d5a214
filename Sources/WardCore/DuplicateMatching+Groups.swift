import Foundation

/// The groups ``DuplicateMatching`` matches within: a finding's or a stored row's exact key, and a
/// cheap hash of it that tells most groups apart before any key is built.
extension DuplicateMatching {
    /// The group of a code finding: tool, rule, kind, path and normalized flagged text; nil for
    /// findings whose identity has no ordinal or that have no line or text to match.
    static func key(_ finding: Finding) -> String? {
        guard [.sast, .iac].contains(finding.kind), let location = finding.location, location.startLine != nil else { return nil }
        return key(tool: finding.toolID, rule: finding.ruleID, kind: finding.kind.rawValue, path: location.path, snippet: location.snippet)
    }

    /// A hash of the group ``key(_:)`` names, built without the key's strings: whitespace runs count
    /// as one space and the ends are trimmed, as ``Identity/collapseWhitespace(_:)`` does (on the
    /// stack for ASCII text, ``Identity/withCollapsedWhitespace(_:_:)``). Groups with equal keys have equal hashes.
    static func hash(_ finding: Finding) -> Int? {
        guard [.sast, .iac].contains(finding.kind), let location = finding.location, location.startLine != nil else { return nil }
        return hash(tool: finding.toolID, rule: finding.ruleID, kind: finding.kind.rawValue, path: location.path, snippet: location.snippet)
    }

    static func hash(tool: String, rule: String, kind: String, path: String?, snippet: String?) -> Int? {
        guard let path, let snippet else { return nil }
        var hasher = Hasher()
        hasher.combine(tool)
        hasher.combine(rule)
        hasher.combine(kind)
        hasher.combine(path)
        return Identity.withCollapsedWhitespace(snippet) { collapsed -> Int? in
            guard !collapsed.isEmpty else { return nil }
            hasher.combine(bytes: UnsafeRawBufferPointer(collapsed))
            return hasher.finalize()
        }
    }

    static func key(tool: String, rule: String, kind: String, path: String?, snippet: String?) -> String? {
        guard let path, let text = FindingLineage.key(tool: tool, rule: rule, kind: kind, snippet: snippet, package: nil, advisory: nil)
        else { return nil }
        return text + "\u{1F}" + path
    }
}
