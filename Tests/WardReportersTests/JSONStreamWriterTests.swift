import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardReporters

/// The JSON report is written member by member; these pin that its bytes are exactly what
/// `JSONEncoder` (sorted keys, pretty-printed, slashes unescaped) makes of the same encoding
/// types, for hostile text, every optional value, unsorted metadata and awkward numbers.
@Suite struct JSONStreamWriterTests {
    static let awkward = "quote \" backslash \\ slash / tab \t nl \n cr \r bell \u{7} bs \u{8} ff \u{C} nul \u{0} del \u{7F} "
        + "unicode … \u{2028} é 🔑 esc \u{1B}"

    static let finding = Finding(
        toolID: "semgrep", toolVersion: "1.185.0", ruleID: "rule/" + awkward, ruleName: awkward, title: awkward, message: awkward,
        kind: .sast, severity: .high, rawSeverity: "ERROR", confidence: "HIGH", cwes: ["CWE-78", "CWE-79"],
        advisory: Advisory(id: "GHSA-1", aliases: ["CVE-1", "PYSEC-2"]),
        location: SourceLocation(path: "src/a b/ü.py", startLine: 3, endLine: 4, startColumn: 5, endColumn: 6, snippet: awkward),
        package: PackageReference(ecosystem: "pypi", name: "x", installedVersion: "1", fixedVersions: ["2", "3"], purl: "pkg:pypi/x@1"),
        references: ["https://example.org/a?b=c"], fixAvailable: true,
        metadata: ["b": "2", "A": "1", "a10": "x", "a9": "y", "_u": awkward, "é": "e", "Z": "z", "1": "one"],
        suppression: Suppression(source: .policy, justification: awkward), identity: "v1:abc", raw: "{\"a\":\"\\n\"}", sources: ["semgrep", "bandit"])

    static func written(_ body: (inout JSONStreamWriter) throws -> Void) throws -> Data {
        var writer = JSONStreamWriter()
        try body(&writer)
        try writer.finish()
        return Data(writer.buffer)
    }

    static func encoded<Value: Encodable>(_ value: Value) throws -> Data {
        var data = try JSONCoding.encode(value, pretty: true)
        data.append(0x0A)
        return data
    }

    @Test func aFindingWithEveryValueIsWrittenAsJSONEncoderWritesIt() throws {
        let sparse = Finding(toolID: "bandit", ruleID: "B101", title: "t", message: "m", kind: .sast, severity: .low)
        for finding in [Self.finding, sparse] {
            let value = JSONFinding(finding)
            #expect(try Self.written { try value.write(to: &$0) } == Self.encoded(value))
        }
    }

    @Test func toolRunsAndTheirDurationsAreWrittenAsJSONEncoderWritesThem() throws {
        for duration in [0, 6, 2.5, 0.1, 1e-7, 1e20, 123456789.125, 3.0000000001] {
            let run = JSONToolRun(ToolRun(toolID: "t", toolVersion: nil, state: .timedOut, executable: nil, arguments: [Self.awkward],
                                          exitStatus: -9, duration: duration, stderrHead: Self.awkward, errors: [], inputs: ["a"],
                                          findingCount: 2, skipped: [], required: false))
            #expect(try Self.written { try run.write(to: &$0) } == Self.encoded(run))
        }
    }

    @Test func aVerdictIsWrittenAsJSONEncoderWritesIt() throws {
        let empty = JSONGate(GateResult(outcome: .pass, policy: "p", reasons: [], failingIdentities: [], checks: [], warnings: []))
        let full = JSONGate(GateResult(outcome: .fail, policy: Self.awkward, reasons: ["r"], failingIdentities: ["v1:a", "v1:b"],
                                       checks: [.init(name: "c", passed: false, detail: Self.awkward, failingIdentities: ["v1:a"]),
                                                .init(name: "d", passed: true, detail: "", failingIdentities: [])],
                                       warnings: ["w"]))
        for gate in [empty, full] {
            #expect(try Self.written { try gate.write(to: &$0) } == Self.encoded(gate))
        }
    }

    @Test func aReportDrainedInSmallChunksHasTheSameBytes() throws {
        let scan = ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .import, startedAt: Date(timeIntervalSince1970: 1_800_000_000.75),
                           finishedAt: Date(timeIntervalSince1970: 1_800_000_001), wardVersion: "1", toolRuns: [],
                           findings: Array(repeating: Self.finding, count: 50))
        let gate = GateResult(outcome: .pass, policy: "p", reasons: [], failingIdentities: [], checks: [], warnings: [])
        let whole = try JSONReporter.render(scan, gate: gate, options: RenderOptions())
        var chunks = 0
        var streamed: [UInt8] = []
        var writer = JSONStreamWriter(chunkSize: 7) { buffer in
            chunks += 1
            streamed += buffer
            buffer.removeAll(keepingCapacity: true)
        }
        try JSONReporter.write(RedactionStage().redact(scan), gate: gate, to: &writer)
        #expect(Data(streamed) == whole)
        #expect(chunks > 50)
        #expect(String(decoding: whole, as: UTF8.self).contains("\"startedAt\" : \"2027-01-15T08:00:00Z\""))
    }

    @Test func aDurationThatIsNotANumberIsAnEncodingError() throws {
        let run = JSONToolRun(ToolRun(toolID: "t", state: .succeeded, duration: .nan))
        #expect(throws: ReporterError.self) { _ = try Self.written { try run.write(to: &$0) } }
    }
}
