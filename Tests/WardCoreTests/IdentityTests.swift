import Foundation
import Testing
import WardCore

@Suite struct IdentityTests {
    @Test func codeIdentityIgnoresWhitespaceButNotContent() {
        let base = Identity.code(family: "bandit", ruleID: "B602", path: "app/x.py", flaggedText: "subprocess.call(cmd,  shell=True)", occurrence: 0)
        let reindented = Identity.code(family: "bandit", ruleID: "B602", path: "app/x.py", flaggedText: "    subprocess.call(cmd, shell=True)\t", occurrence: 0)
        let changed = Identity.code(family: "bandit", ruleID: "B602", path: "app/x.py", flaggedText: "subprocess.call(other, shell=True)", occurrence: 0)
        let second = Identity.code(family: "bandit", ruleID: "B602", path: "app/x.py", flaggedText: "subprocess.call(cmd, shell=True)", occurrence: 1)
        let moved = Identity.code(family: "bandit", ruleID: "B602", path: "app/y.py", flaggedText: "subprocess.call(cmd, shell=True)", occurrence: 0)
        #expect(base == reindented)
        #expect(Set([base, changed, second, moved]).count == 4)
        #expect(base.hasPrefix("v1:"))
    }

    @Test func dependencyIdentityIgnoresTheInstalledVersion() {
        // The installed version is not an input at all: a bump that stays vulnerable is the same finding.
        let advisory = Advisory(id: "PYSEC-2018-28", aliases: ["GHSA-x84v-xcm2-53pg", "CVE-2018-18074"])
        #expect(advisory.canonicalID == "CVE-2018-18074")
        #expect(Advisory(id: "PYSEC-1", aliases: ["GHSA-aaaa"]).canonicalID == "GHSA-AAAA")
        #expect(Advisory(id: "51499").canonicalID == "51499")
    }

    @Test func packageNamesNormalizeAsPEP503() {
        #expect(PackageReference(ecosystem: "pypi", name: "Flask_SQL.Alchemy").normalizedName == "flask-sql-alchemy")
    }

    @Test func collapsesWhitespace() {
        #expect(Identity.collapseWhitespace("  a \t b\n\nc  ") == "a b c")
    }
}
