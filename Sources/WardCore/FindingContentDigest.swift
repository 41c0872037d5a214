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
        var hasher = Feed()
        hasher.add(finding.toolID)
        hasher.add(finding.toolVersion)
        hasher.add(finding.ruleID)
        hasher.add(finding.ruleName)
        hasher.add(finding.title)
        hasher.add(finding.message)
        hasher.add(finding.kind.rawValue)
        hasher.add(finding.severity.rawValue)
        hasher.add(finding.rawSeverity)
        hasher.add(finding.confidence)
        hasher.add(finding.cwes)
        hasher.add(finding.advisory?.id)
        hasher.add(finding.advisory?.aliases)
        hasher.add(finding.location?.path)
        for number in [finding.location?.startLine, finding.location?.endLine, finding.location?.startColumn, finding.location?.endColumn] {
            hasher.add(number.map(String.init))
        }
        hasher.add(finding.location?.snippet)
        hasher.add(finding.package?.ecosystem)
        hasher.add(finding.package?.name)
        hasher.add(finding.package?.installedVersion)
        hasher.add(finding.package?.fixedVersions)
        hasher.add(finding.package?.purl)
        hasher.add(finding.references)
        hasher.add(finding.fixAvailable ? "1" : "0")
        hasher.add(finding.metadata.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        hasher.add(finding.suppression?.source.rawValue)
        hasher.add(finding.suppression?.justification)
        return Array(hasher.sha.finalize().prefix(16))
    }

    /// Values fed to SHA-256: each text as its length and bytes, each list as its count and texts,
    /// an absent one as a length no text has.
    private struct Feed {
        var sha = SHA256.Hasher()

        mutating func add(_ text: String?) {
            guard var text else { return add(length: .max) }
            add(length: UInt64(text.utf8.count))
            text.withUTF8 { sha.update(UnsafeRawBufferPointer($0)) }
        }

        mutating func add(_ texts: [String]?) {
            guard let texts else { return add(length: .max) }
            add(length: UInt64(texts.count))
            for text in texts { add(text) }
        }

        private mutating func add(length: UInt64) {
            withUnsafeBytes(of: length.littleEndian) { sha.update($0) }
        }
    }
}
