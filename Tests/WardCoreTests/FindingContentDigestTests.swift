import Foundation
import Testing
import WardCore

/// The digest of what a finding row describes changes with every described property, absent apart
/// from empty, and not with the identity, raw result or reporting tools, which the row keeps elsewhere.
@Suite struct FindingContentDigestTests {
    static let finding = Finding(
        toolID: "osv-scanner", toolVersion: "1.9.2", ruleID: "GHSA-1", ruleName: "requests leak", title: "requests is vulnerable",
        message: "Line one.\nünïcødé", kind: .dependency, severity: .critical, rawSeverity: "CRITICAL", confidence: "HIGH",
        cwes: ["CWE-200", "CWE-522"], advisory: Advisory(id: "GHSA-1", aliases: ["CVE-2023-1"]),
        location: SourceLocation(path: "requirements.txt", startLine: 3, endLine: 4, startColumn: 1, endColumn: 17, snippet: "requests==2.19.0"),
        package: PackageReference(ecosystem: "pypi", name: "requests", installedVersion: "2.19.0", fixedVersions: ["2.31.0"], purl: "pkg:pypi/requests"),
        references: ["https://osv.dev/GHSA-1"], fixAvailable: true, metadata: ["owasp": "A06", "likelihood": "HIGH"],
        suppression: Suppression(source: .policy, justification: "accepted"), identity: "v1:one", raw: #"{"id":1}"#, sources: ["osv-scanner"]
    )

    /// One change to each described property, and to each part of the nested ones.
    static let changes: [(String, @Sendable (inout Finding) -> Void)] = [
        ("toolID", { $0.toolID = "trivy" }), ("toolVersion", { $0.toolVersion = nil }), ("ruleID", { $0.ruleID = "GHSA-2" }),
        ("ruleName", { $0.ruleName = "" }), ("title", { $0.title += "." }), ("message", { $0.message = "Line one.\nunicode" }),
        ("kind", { $0.kind = .container }), ("severity", { $0.severity = .high }), ("rawSeverity", { $0.rawSeverity = nil }),
        ("confidence", { $0.confidence = "LOW" }), ("cwes", { $0.cwes = ["CWE-200"] }), ("cwes order", { $0.cwes.reverse() }),
        ("advisory", { $0.advisory = nil }), ("advisory id", { $0.advisory?.id = "GHSA-9" }), ("aliases", { $0.advisory?.aliases = [] }),
        ("location", { $0.location = nil }), ("path", { $0.location?.path = "setup.py" }), ("startLine", { $0.location?.startLine = nil }),
        ("endLine", { $0.location?.endLine = 5 }), ("startColumn", { $0.location?.startColumn = 2 }), ("endColumn", { $0.location?.endColumn = nil }),
        ("snippet", { $0.location?.snippet = "" }), ("package", { $0.package = nil }), ("ecosystem", { $0.package?.ecosystem = "npm" }),
        ("name", { $0.package?.name = "request" }), ("installedVersion", { $0.package?.installedVersion = nil }),
        ("fixedVersions", { $0.package?.fixedVersions = [] }), ("purl", { $0.package?.purl = "" }),
        ("references", { $0.references = [] }), ("fixAvailable", { $0.fixAvailable = false }),
        ("metadata value", { $0.metadata["owasp"] = "A07" }), ("metadata key", { $0.metadata["extra"] = "" }),
        ("suppression", { $0.suppression = nil }), ("suppression source", { $0.suppression?.source = .inSource }),
        ("justification", { $0.suppression?.justification = nil }),
        // Texts moved from one property to the next must not give the same bytes.
        ("texts shifted", { $0.ruleName = "requests leakrequests is vulnerable"; $0.title = "" }),
    ]

    @Test func everyDescribedPropertyChangesTheDigest() {
        let original = FindingContentDigest.of(Self.finding)
        #expect(original.count == 16)
        var seen: [[UInt8]: String] = [original: "the original"]
        for (name, change) in Self.changes {
            var changed = Self.finding
            change(&changed)
            let digest = FindingContentDigest.of(changed)
            #expect(seen[digest] == nil, "changing \(name) gave the digest of \(seen[digest] ?? "")")
            seen[digest] = name
        }
    }

    @Test func theIdentityRawResultAndReportingToolsAreLeftOut() {
        var other = Self.finding
        other.identity = "v1:two"
        other.raw = nil
        other.sources = []
        #expect(FindingContentDigest.of(other) == FindingContentDigest.of(Self.finding))
    }

    /// A property added to a finding must be digested (or be one of those left out): this list is
    /// every stored property, so that adding one fails here until the digest is looked at.
    @Test func theDigestIsLookedAtForEveryPropertyOfAFinding() {
        let properties = Mirror(reflecting: Self.finding).children.compactMap(\.label)
        #expect(properties == [
            "toolID", "toolVersion", "ruleID", "ruleName", "title", "message", "kind", "severity", "rawSeverity", "confidence",
            "cwes", "advisory", "location", "package", "references", "fixAvailable", "metadata", "suppression",
            "identity", "raw", "sources",
        ])
        #expect(Mirror(reflecting: Self.finding.location!).children.compactMap(\.label)
            == ["path", "startLine", "endLine", "startColumn", "endColumn", "snippet"])
        #expect(Mirror(reflecting: Self.finding.package!).children.compactMap(\.label)
            == ["ecosystem", "name", "installedVersion", "fixedVersions", "purl"])
        #expect(Mirror(reflecting: Self.finding.advisory!).children.compactMap(\.label) == ["id", "aliases"])
        #expect(Mirror(reflecting: Self.finding.suppression!).children.compactMap(\.label) == ["source", "justification"])
    }
}
