import Foundation
import WardCore

/// The file a finding points at in formats that need one, even when the tool gave no location.
enum FindingArtifact {
    /// The finding's location; for a dependency or container finding without one, the ecosystem's
    /// usual manifest (or `Dockerfile`), so that the finding still lands on a file.
    static func location(of finding: Finding) -> SourceLocation? {
        if let location = finding.location, !location.path.isEmpty { return location }
        switch finding.kind {
        case .dependency, .license:
            return finding.package.flatMap { manifest(ecosystem: $0.ecosystem) }.map { SourceLocation(path: $0) }
        case .container:
            return SourceLocation(path: "Dockerfile")
        case .sast, .secret, .iac:
            return nil
        }
    }

    /// The usual manifest of an ecosystem, when there is one.
    static func manifest(ecosystem: String) -> String? {
        switch ecosystem.lowercased() {
        case "pypi", "pip": "requirements.txt"
        case "npm": "package.json"
        case "maven": "pom.xml"
        case "go", "golang": "go.mod"
        case "cargo", "crates.io": "Cargo.toml"
        case "rubygems", "gem": "Gemfile.lock"
        case "composer", "packagist": "composer.json"
        case "nuget": "packages.config"
        default: nil
        }
    }

    /// `path` relative to the scan root: a path under `root` loses the prefix; others are kept.
    static func relative(_ path: String, root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Text with the scan root removed, so reports carry no machine paths.
    static func withoutRoot(_ text: String, root: String) -> String {
        guard root.count > 1 else { return text }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return text.replacingOccurrences(of: prefix, with: "").replacingOccurrences(of: root, with: ".")
    }

    /// The mark of a finding past its severity's `sla:` days, `overdue since YYYY-MM-DD`; nil when it is not overdue.
    static func overdueMark(_ finding: Finding, gate: GateResult) -> String? {
        gate.overdue[finding.identity].map { "overdue since \(UTCTimestamp.day($0))" }
    }

    /// The line every report adds when findings are overdue; nil when none is.
    static func overdueSummary(_ gate: GateResult) -> String? {
        let count = gate.overdue.count
        guard count > 0 else { return nil }
        return "\(count) finding\(count == 1 ? " is" : "s are") overdue (open past the days the policy's sla allows)"
    }

    /// The title and message of a finding as one text, without repeating the title.
    static func description(of finding: Finding) -> String {
        let message = trimmed(finding.message)
        guard !message.isEmpty, message != finding.title else { return finding.title }
        return message
    }

    /// `text` without leading and trailing white space and newlines; the text itself, not a copy,
    /// when it has none (the usual message), since Foundation's trimming copies every string.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `path` percent-encoded for a URI's path; the path itself when every byte may stand as it is
    /// (letters, digits, `/` and the punctuation a path allows), the usual case.
    static func uriPath(_ path: String) -> String? {
        let plain = path.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "-._~!$&'()*+,;=:@/".utf8.contains(byte)
            }
        }
        return plain ? path : path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
    }

    /// The advisory's ids as the tool spelled them: the canonical one (CVE, else GHSA) first, then
    /// every other id once.
    static func advisoryIDs(_ advisory: Advisory) -> [String] {
        let all = [advisory.id] + advisory.aliases
        let canonical = advisory.canonicalID.uppercased()
        var seen: Set<String> = [canonical]
        let others = all.filter { $0.uppercased() != canonical && seen.insert($0.uppercased()).inserted }
        return [all.first { $0.uppercased() == canonical } ?? advisory.canonicalID] + others
    }

    /// Cuts `text` to at most `limit` characters, ending with `…` when cut.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// The remediation for a finding, when a fix is known.
    static func solution(for finding: Finding) -> String? {
        if let package = finding.package, !package.fixedVersions.isEmpty {
            return "Upgrade \(package.name) to \(package.fixedVersions.joined(separator: " or "))."
        }
        return finding.fixAvailable ? "\(finding.toolID) reports that a fix is available." : nil
    }
}
