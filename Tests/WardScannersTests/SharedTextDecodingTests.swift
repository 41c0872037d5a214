import Foundation
import Testing
import WardCore
@testable import WardScanners

/// The readers of reports that run to hundreds of thousands of results (SARIF, Semgrep's JSON)
/// keep one copy of each text their results repeat, as they decode them.
@Suite struct SharedTextDecodingTests {
    static func storage(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    static let message = "User input reaches a shell command; pass the arguments as a list instead of a string."

    @Test func sarifResultsShareTheirRepeatedTexts() throws {
        // Given a SARIF log whose two results repeat their rule, message and file
        let result = #"{"ruleId":"ward.python.shell-injection","level":"error","message":{"text":"\#(Self.message)"},"#
            + #""locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/handlers/shell_commands.py"},"region":{"startLine":LINE}}}]}"#
        let log = #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Semgrep OSS","rules":[]}},"results":["#
            + result.replacingOccurrences(of: "LINE", with: "3") + "," + result.replacingOccurrences(of: "LINE", with: "9") + "]}]}"

        // When it is decoded
        let findings = try SARIFScanner().decodeRuns(Data(log.utf8), source: "log.sarif").flatMap(\.findings).map(\.finding)

        // Then the second result holds the first one's copies of them
        #expect(findings.count == 2)
        #expect(findings.map(\.message) == [Self.message, Self.message])
        #expect(Self.storage(findings[0].message) == Self.storage(findings[1].message))
        #expect(Self.storage(findings[0].ruleID) == Self.storage(findings[1].ruleID))
        #expect(Self.storage(findings[0].location?.path ?? "") == Self.storage(findings[1].location?.path ?? ""))
    }

    @Test func semgrepResultsShareTheirRepeatedTexts() throws {
        // Given a Semgrep report whose results repeat their rule and message
        let result = #"{"check_id":"ward.python.shell-injection","path":"src/handlers/shell_commands.py","start":{"line":LINE,"col":1},"#
            + #""end":{"line":LINE,"col":9},"extra":{"message":"\#(Self.message)","severity":"ERROR","metadata":{"cwe":["CWE-78: OS Command Injection"]}}}"#
        let report = #"{"version":"1.185.0","errors":[],"results":["#
            + result.replacingOccurrences(of: "LINE", with: "3") + "," + result.replacingOccurrences(of: "LINE", with: "9") + "]}"

        // When it is decoded
        let findings = try SemgrepScanner().decode(Data(report.utf8), source: "semgrep.json").findings.map(\.finding)

        // Then the second result holds the first one's copies of them
        #expect(findings.count == 2)
        #expect(Self.storage(findings[0].message) == Self.storage(findings[1].message))
        #expect(Self.storage(findings[0].title) == Self.storage(findings[1].title))
        #expect(findings[0].cwes.withUnsafeBufferPointer { $0.baseAddress } == findings[1].cwes.withUnsafeBufferPointer { $0.baseAddress })
    }
}
