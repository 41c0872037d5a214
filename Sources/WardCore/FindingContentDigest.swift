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
        var feed = Feed(bytes: [])
        swap(&feed.bytes, &bytes)
        defer { swap(&feed.bytes, &bytes) }
        feed.add(finding.toolID)
        feed.add(finding.toolVersion)
        feed.add(finding.ruleID)
        feed.add(finding.ruleName)
        feed.add(finding.title)
        feed.add(finding.message)
        feed.add(finding.kind.rawValue)
        feed.add(finding.severity.rawValue)
        feed.add(finding.rawSeverity)
        feed.add(finding.confidence)
        feed.add(finding.cwes)
        feed.add(finding.advisory?.id)
        feed.add(finding.advisory?.aliases)
        feed.add(finding.location?.path)
        feed.add(finding.location?.startLine)
        feed.add(finding.location?.endLine)
        feed.add(finding.location?.startColumn)
        feed.add(finding.location?.endColumn)
        feed.add(finding.location?.snippet)
        feed.add(finding.package?.ecosystem)
        feed.add(finding.package?.name)
        feed.add(finding.package?.installedVersion)
        feed.add(finding.package?.fixedVersions)
        feed.add(finding.package?.purl)
        feed.add(finding.references)
        feed.add(finding.fixAvailable ? 1 : 0)
        feed.add(finding.metadata.count < 2 ? finding.metadata.flatMap { [$0.key, $0.value] }
                     : finding.metadata.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        feed.add(finding.suppression?.source.rawValue)
        feed.add(finding.suppression?.justification)
        return Array(SHA256.digest(feed.bytes).prefix(16))
    }

    /// The bytes fed to SHA-256: each text as its length and bytes, each number as a zero length and
    /// its eight bytes, each list as its count and texts, an absent value as a length no text has.
    private struct Feed {
        var bytes: [UInt8]

        mutating func add(_ text: String?) {
            guard let text else { return add(length: .max) }
            add(length: UInt64(text.utf8.count))
            bytes.append(contentsOf: text.utf8)
        }

        mutating func add(_ number: Int?) {
            guard let number else { return add(length: .max) }
            add(length: 0)
            add(length: UInt64(bitPattern: Int64(number)))
        }

        mutating func add(_ texts: [String]?) {
            guard let texts else { return add(length: .max) }
            add(length: UInt64(texts.count))
            for text in texts { add(text) }
        }

        private mutating func add(length: UInt64) {
            withUnsafeBytes(of: length.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }
}
