import Foundation
import Testing
import TestSupport
import WardCore
import WardFuzzTargets
import WardScanners

@Suite("Report inputs that once crashed a fuzz target")
struct FuzzRegressionTests {
    static let xmlReaders: [any ReportImporting] = [BanditScanner(), SemgrepScanner(), PipAuditScanner(), GitleaksScanner()]

    @Test("XML with bytes that are not UTF-8 in a name or entity reference is refused, never fatal")
    func xmlRegressions() throws {
        let inputs = try Fixtures.fuzzRegressions("xml")
        #expect(!inputs.isEmpty)
        for (name, data) in inputs {
            FuzzTarget.xml.run(data)
            for plugin in Self.xmlReaders {
                #expect(throws: ScannerError.self, "\(plugin.id) accepted \(name)") { try plugin.decode(data, source: name) }
            }
        }
    }

    @Test("Bandit YAML nested thousands deep (items, anchors) is refused at once, never fatal")
    func yamlRegressions() throws {
        let inputs = try Fixtures.fuzzRegressions("yaml")
        #expect(!inputs.isEmpty)
        for (name, data) in inputs {
            let started = ContinuousClock.now
            FuzzTarget.yaml.run(data)
            #expect(throws: ScannerError.self, "Bandit accepted \(name)") { try BanditScanner().decode(data, source: name) }
            #expect(ContinuousClock.now - started < .seconds(10), "\(name) took too long")
        }
    }

    @Test("report inputs that once crashed or hung are normalized or refused at once, never fatal")
    func reportRegressions() throws {
        let inputs = try Fixtures.fuzzRegressions("reports")
        #expect(!inputs.isEmpty)
        for (name, data) in inputs {
            let started = ContinuousClock.now
            FuzzTarget.reports.run(data)
            #expect(ContinuousClock.now - started < .seconds(10), "\(name) took too long")
        }
    }

    @Test("CSV reports whose secret holds characters Foundation ignores are normalized, never fatal")
    func csvRegressions() throws {
        let inputs = try Fixtures.fuzzRegressions("csv")
        #expect(!inputs.isEmpty)
        for (_, data) in inputs {
            FuzzTarget.csv.run(data)
        }
    }

    @Test("a gitleaks secret of a digit and NULs is masked where it stands and nowhere else")
    func gitleaksSecretOfNULs() throws {
        let name = "gitleaks-secret-of-nul-characters.csv"
        let report = try GitleaksScanner().decode(try Fixtures.data("fuzz-regressions/csv/" + name), source: name)
        let normalizer = FindingNormalizer(paths: PathResolver(root: Fixtures.path("projects/tiny"), strict: false))
        let findings = try normalizer.normalize(report, family: "gitleaks", source: name)
        #expect(findings.count == 1)
        let secret = "1" + String(repeating: "\0", count: 112)
        for finding in findings {
            #expect(finding.location?.path == "1")
            let raw = try #require(finding.raw)
            let escapedMask = #""Secret":"1\u0000\u0000\u0000…(113)""#
            #expect(raw.contains(escapedMask))
            #expect(try JSONParser.parse(raw)["Secret"].string == SecretRedaction.mask(secret))
        }
    }

    @Test("a Bandit line number near Int.max on a file that exists is imported as is")
    func lineNumberNearIntMax() throws {
        let name = "bandit-line-number-overflow.json"
        let report = try BanditScanner().decode(try Fixtures.data("fuzz-regressions/reports/" + name), source: name)
        let normalizer = FindingNormalizer(paths: PathResolver(root: Fixtures.path("projects/tiny"), strict: true))
        let findings = try normalizer.normalize(report, family: "bandit", source: name)
        #expect(findings.map(\.location?.startLine) == [Int.max])
    }
}
