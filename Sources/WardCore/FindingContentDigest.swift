import Foundation

/// A digest of what a finding row describes: every property of a ``Finding`` but its identity
/// (the row's key), its raw result (kept per occurrence) and the tools that reported it, each
/// length-prefixed, an absent value apart from an empty one: the first 16 bytes of its SHA-256.
///
/// A history stores it on the finding's row, so that a scan reporting a finding exactly as the row
/// already describes it (the common case of a re-scan) skips writing the row: its last sighting is
/// moved by the scan's occurrences alone. SHA-256, not a faster checksum: the texts come from the
/// scanned code, and a crafted collision would leave a changed description unwritten.
///
/// A property added to ``Finding`` must be added here (`FindingContentDigestTests` lists them).
public enum FindingContentDigest {
    /// The digest of `finding`'s description.
    public static func of(_ finding: Finding) -> [UInt8] {
        var bytes: [UInt8] = []
        return of(finding, scratch: &bytes)
    }

    /// The digest of `finding`'s description, its bytes gathered in `scratch` (kept between calls,
    /// so that a scan's findings are fed to SHA-256 once each, from one buffer).
    public static func of(_ finding: Finding, scratch bytes: inout [UInt8]) -> [UInt8] {
        bytes.removeAll(keepingCapacity: true)
        bytes.feed(finding.toolID)
        bytes.feed(finding.toolVersion)
        bytes.feed(finding.ruleID)
        bytes.feed(finding.ruleName)
        bytes.feed(finding.title)
        bytes.feed(finding.message)
        bytes.feed(finding.kind.rawValue)
        bytes.feed(finding.severity.rawValue)
        bytes.feed(finding.rawSeverity)
        bytes.feed(finding.confidence)
        bytes.feed(finding.cwes)
        bytes.feed(finding.advisory?.id)
        bytes.feed(finding.advisory?.aliases)
        bytes.feed(finding.location?.path)
        bytes.feed(finding.location?.startLine)
        bytes.feed(finding.location?.endLine)
        bytes.feed(finding.location?.startColumn)
        bytes.feed(finding.location?.endColumn)
        bytes.feed(finding.location?.snippet)
        bytes.feed(finding.package?.ecosystem)
        bytes.feed(finding.package?.name)
        bytes.feed(finding.package?.installedVersion)
        bytes.feed(finding.package?.fixedVersions)
        bytes.feed(finding.package?.purl)
        bytes.feed(finding.references)
        bytes.feed(finding.fixAvailable ? 1 : 0)
        bytes.feed(finding.metadata.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        bytes.feed(finding.suppression?.source.rawValue)
        bytes.feed(finding.suppression?.justification)
        return Array(SHA256.digest(bytes).prefix(16))
    }
}

/// The bytes fed to SHA-256: each text as its length and bytes, each number as a zero length and
/// its eight bytes, each list as its count and texts, an absent value as a length no text has.
private extension [UInt8] {
    mutating func feed(_ text: String?) {
        guard let text else { return feed(length: .max) }
        feed(length: UInt64(text.utf8.count))
        append(contentsOf: text.utf8)
    }

    mutating func feed(_ number: Int?) {
        guard let number else { return feed(length: .max) }
        feed(length: 0)
        feed(length: UInt64(bitPattern: Int64(number)))
    }

    mutating func feed(_ texts: [String]?) {
        guard let texts else { return feed(length: .max) }
        feed(length: UInt64(texts.count))
        for text in texts { feed(text) }
    }

    mutating func feed(length: UInt64) {
        Swift.withUnsafeBytes(of: length.littleEndian) { append(contentsOf: $0) }
    }
}
