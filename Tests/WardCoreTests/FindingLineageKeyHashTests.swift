import Foundation
import Testing
@testable import WardCore

/// The hash lineage compares before building keys agrees with the keys: findings with equal keys
/// have equal hashes, a finding without a key has no hash, and the key built beside the hash is the key.
@Suite struct FindingLineageKeyHashTests {
    /// Tool, rule, kind, flagged text, package and advisory.
    typealias Parts = (tool: String, rule: String, kind: String, snippet: String?, package: String?, advisory: String?)

    static let parts: [Parts] = [
        ("semgrep", "rule-1", "sast", "x = call(a, b)", nil, nil),
        ("semgrep", "rule-1", "sast", "  x = call(a,\tb)\n\n", nil, nil),
        ("semgrep", "rule-1", "sast", "x  =  call(a,   b)", nil, nil),
        ("semgrep", "rule-1", "sast", "x = call(a,b)", nil, nil),
        ("semgrep", "rule-2", "sast", "x = call(a, b)", nil, nil),
        ("semgrep", "rule-1", "iac", "x = call(a, b)", nil, nil),
        ("semgrep", "rule-1", "sast", "naïve\u{00A0}= “quoted”  ✓", nil, nil),
        ("semgrep", "rule-1", "sast", "naïve = “quoted” ✓", nil, nil),
        ("semgrep", "rule-1", "sast", nil, nil, nil),
        ("semgrep", "rule-1", "sast", " \n\t ", nil, nil),
        ("trivy", "CVE-1", "dependency", nil, "lodash", "CVE-1"),
        ("trivy", "CVE-1", "dependency", nil, "lodash", nil),
        ("trivy", "CVE-1", "dependency", "", "lodash", ""),
        ("trivy", "CVE-1", "dependency", "text", "lodash", "CVE-1"),
        ("a\u{1F}b", "c", "sast", "d", nil, nil),
        ("a", "b\u{1F}c", "sast", "d", nil, nil),
    ]

    static func key(_ parts: Parts) -> String? {
        FindingLineage.key(tool: parts.tool, rule: parts.rule, kind: parts.kind, snippet: parts.snippet, package: parts.package,
                           advisory: parts.advisory)
    }

    static func hash(_ parts: Parts) -> Int? {
        FindingLineage.keyHash(tool: parts.tool, rule: parts.rule, kind: parts.kind, snippet: parts.snippet, package: parts.package,
                               advisory: parts.advisory)?.hash
    }

    static func builtKey(_ parts: Parts) -> String? {
        FindingLineage.keyHash(tool: parts.tool, rule: parts.rule, kind: parts.kind, snippet: parts.snippet, package: parts.package,
                               advisory: parts.advisory, building: { _ in true })?.key
    }

    @Test func findingsWithEqualKeysHaveEqualHashesAndOnlyAKeyHasAHash() {
        for one in Self.parts {
            #expect((Self.key(one) == nil) == (Self.hash(one) == nil))
            #expect(Self.builtKey(one) == Self.key(one))
            for other in Self.parts where Self.key(one) != nil && Self.key(one) == Self.key(other) {
                #expect(Self.hash(one) == Self.hash(other))
            }
        }
        // And the parts above hold keys that differ, and equal keys that are spelled differently
        let keys = Self.parts.compactMap(Self.key)
        #expect(Set(keys).count < keys.count && Set(keys).count > 5)
    }
}
