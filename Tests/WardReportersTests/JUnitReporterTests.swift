import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
import WardCore
import WardReporters

/// The JUnit report's structure, and its survival of hostile text.
@Suite struct JUnitReporterTests {
    @Test func demoReportIsWellFormedWithUniqueCasesAndLocations() throws {
        // Given the demo scan's JUnit report
        let data = try JUnitReporter.render(DemoScan.scan, gate: DemoScan.gate, options: RenderOptions())
        #expect(XMLCheck.wellFormednessError(data) == nil)
        let document = try JUnitDocument(data)
        // Then every classname + name is unique, as GitLab requires
        let keys = document.cases.map { "\($0["classname"] ?? "")|\($0["name"] ?? "")" }
        #expect(Set(keys).count == keys.count)
        // One failing case per active finding that breaks the policy, each with file and line
        let failures = document.cases.filter { $0["outcome"] == "failure" && $0["classname"]?.hasPrefix("policy.") == false }
        let breaking = DemoScan.scan.findings.filter { $0.isActive && DemoScan.gate.failingIdentities.contains($0.identity) }
        #expect(failures.count == breaking.count)
        let shell = try #require(failures.first { $0["classname"] == "bandit.B602" })
        #expect(shell["file"] == "app/views.py" && shell["line"] == "73")
        #expect(failures.first { $0["classname"] == "pip-audit.PYSEC-2021-142" }?["file"] == "requirements.txt")
        // A passing case per check that held, and an error per tool that did not finish
        #expect(document.suites.map { $0["name"] ?? "" } == ["bandit", "semgrep", "pip-audit", "safety", "gitleaks", "checkov", "trivy",
                                                              "policy default", "incomplete"])
        let policy = document.cases.filter { $0["classname"] == "policy.default" }
        #expect(policy.filter { $0["outcome"] == "passed" }.map { $0["name"] ?? "" } == ["max-high", "stale-suppressions"])
        // A failed check that no finding stands for fails in the policy suite
        #expect(policy.filter { $0["outcome"] == "failure" }.map { $0["name"] ?? "" } == ["scanners-complete"])
        let errors = document.cases.filter { $0["outcome"] == "error" }
        #expect(errors.map { $0["name"] ?? "" } == ["trufflehog timed-out"])
        // Suppressed findings never fail
        #expect(!document.cases.contains { $0["classname"] == "bandit.B105" || $0["classname"] == "bandit.B608" })
    }

    @Test func hostileTextStillParsesEverywhere() throws {
        // Given findings whose text holds NUL, ESC, "]]>", invalid UTF-8, U+FFFE, U+FFFF and bidi controls
        let invalid = String(decoding: [0x62, 0x61, 0x64, 0xFF, 0xFE, 0xC3, 0x28] as [UInt8], as: UTF8.self)
        let hostile = "a\u{0}after-nul \u{1B}[31mred ]]> <x/> & \"q\" \u{FFFE}\u{FFFF} \u{202E}txt.exe\u{2066} \(invalid)"
        let findings = (0..<3).map { index in
            Finding(toolID: "bandit", ruleID: "B\(index)]]>", title: hostile, message: hostile, kind: .sast, severity: .high,
                    location: SourceLocation(path: "src/\u{1B}\u{0}x\(index).py", startLine: 3, snippet: hostile), identity: "v1:\(index)")
        }
        let scan = ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                           finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0",
                           toolRuns: [ToolRun(toolID: "bandit", state: .succeeded), ToolRun(toolID: "semgrep", state: .failed, errors: [hostile])],
                           findings: findings)
        let gate = GateResult(outcome: .fail, policy: "p\u{0}]]>", reasons: [hostile], failingIdentities: findings.map(\.identity),
                              checks: [.init(name: hostile, passed: true, detail: hostile)], warnings: [hostile])
        // When the JUnit report is written
        let data = try JUnitReporter.render(scan, gate: gate, options: RenderOptions())
        // Then libxml2 parses it, the NUL did not cut the text, and no forbidden scalar got through
        #expect(XMLCheck.wellFormednessError(data) == nil)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("a\\u{0}after-nul"))
        #expect(text.contains("\\u{1B}[31mred ]]&gt;"))
        #expect(text.contains("\\u{FFFE}\\u{FFFF} \\u{202E}txt.exe\\u{2066}"))
        #expect(!text.contains("<![CDATA["))
        #expect(text.unicodeScalars.allSatisfy { XMLText.isAllowed($0) && $0.value != 0x202E })
        #expect(String(decoding: data, as: UTF8.self).utf8.elementsEqual(data))
        // And so do Python's parser and junitparser
        let python = try #require(TestTools.python, Comment(rawValue: TestTools.missingMessage("python")))
        let script = """
            import sys, xml.etree.ElementTree as ET
            from junitparser import JUnitXml
            data = sys.stdin.buffer.read()
            ET.fromstring(data)
            open(sys.argv[1], 'wb').write(data)
            cases = [case for suite in JUnitXml.fromfile(sys.argv[1]) for case in suite]
            print(len(cases), sum(1 for case in cases if not case.is_passed))
            """
        let file = try Fixtures.temporaryDirectory() + "/hostile.xml"
        let run = try TestTools.run(python, ["-c", script, file], input: data)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines) == "5 4")
    }

    @Test func sanitizerRepairsRawBytes() {
        // Invalid UTF-8 becomes U+FFFD; NUL, ESC and U+FFFE become visible markers; nothing is dropped after a NUL.
        let bytes: [UInt8] = [0x61, 0xFF, 0xFE, 0xC3, 0x28, 0x00, 0x1B, 0x62, 0xEF, 0xBF, 0xBE, 0xE2, 0x80, 0xAE, 0x63]
        #expect(XMLText.sanitize(bytes: bytes) == "a\u{FFFD}\u{FFFD}\u{FFFD}(\\u{0}\\u{1B}b\\u{FFFE}\\u{202E}c")
        #expect(XMLText.sanitize("plain <text> & tabs\tand\nlines") == "plain <text> & tabs\tand\nlines")
        #expect(XMLText.sanitize("\u{1F512} emoji stays") == "\u{1F512} emoji stays")
    }
}

/// The suites and cases of a JUnit document, read with Foundation's XML parser.
final class JUnitDocument: NSObject, XMLParserDelegate {
    private(set) var suites: [[String: String]] = []
    private(set) var cases: [[String: String]] = []

    init(_ data: Data) throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "testsuite": suites.append(attributes)
        case "testcase": cases.append(attributes.merging(["outcome": "passed"]) { old, _ in old })
        case "failure", "error": if !cases.isEmpty { cases[cases.count - 1]["outcome"] = element }
        default: break
        }
    }
}
