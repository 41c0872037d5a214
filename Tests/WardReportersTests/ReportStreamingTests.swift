import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardReporters

/// The JSON report and the SARIF log are streamed to their output in chunks of about 64 KiB: a
/// report many times that size arrives byte for byte as the whole-document rendering, in bounded
/// chunks, and an output that fails half-way stops the report with the output's error.
@Suite struct ReportStreamingTests {
    /// The demo scan's findings repeated at other places until its reports are megabytes long.
    static let large: Redacted<ScanRun> = {
        var scan = DemoScan.scan
        let base = DemoScan.scan.findings
        scan.findings = (0..<3000).map { index in
            var finding = base[index % base.count]
            finding.identity = "v1:large-\(index)"
            finding.location?.path = "src/module_\(index % 97)/file_\(index).py"
            finding.location?.startLine = 1 + index % 400
            finding.message += String(repeating: " context", count: index % 50)
            return finding
        }
        return RedactionStage().redact(scan)
    }()

    static let gate: GateResult = {
        var gate = DemoScan.gate
        gate.overdue = ["v1:large-7": Date(timeIntervalSince1970: 1_790_000_000)]
        return gate
    }()

    /// Keeps what it is given, chunk by chunk; fails once more than `failAfter` bytes were offered.
    final class RecordingOutput: ReportOutput {
        struct Refused: Error {}
        var data = Data()
        var chunks: [Int] = []
        let failAfter: Int?

        init(failAfter: Int? = nil) {
            self.failAfter = failAfter
        }

        func write(_ bytes: UnsafeRawBufferPointer) throws {
            if let failAfter, data.count + bytes.count > failAfter { throw Refused() }
            chunks.append(bytes.count)
            data.append(contentsOf: bytes)
        }
    }

    @Test func aJSONReportLargerThanTheBufferArrivesAsTheWholeDocumentInBoundedChunks() throws {
        // Given the document written whole into one buffer
        var whole = JSONStreamWriter()
        try JSONReporter.write(Self.large, gate: Self.gate, to: &whole)
        // When it is streamed to an output
        let output = RecordingOutput()
        let warnings = try JSONReporter.write(Self.large, gate: Self.gate, options: RenderOptions(), to: output)
        // Then the bytes are the same, in many chunks of about 64 KiB, none much larger
        #expect(warnings.isEmpty)
        #expect(whole.buffer.count > 20 * ReportChunk.size)
        #expect(output.data == Data(whole.buffer))
        #expect(output.chunks.count > 20)
        #expect(output.chunks.max() ?? 0 < ReportChunk.size + 16_384)
        // And rendering in memory gives them too
        #expect(try JSONReporter.render(Self.large, gate: Self.gate, options: RenderOptions()) == output.data)
    }

    @Test func aSARIFLogLargerThanTheBufferArrivesAsTheWholeDocumentInBoundedChunks() throws {
        // Given the log rendered whole
        let whole = SARIFReporter.render(Self.large, limits: .github, overdue: Self.gate.overdue)
        // When it is streamed to an output
        let output = RecordingOutput()
        let warnings = try SARIFReporter.write(Self.large, gate: Self.gate, options: RenderOptions(), to: output)
        // Then the bytes are the same, in bounded chunks, and the warnings those of the whole log
        #expect(whole.count > 20 * ReportChunk.size)
        #expect(output.data == whole)
        #expect(output.chunks.count > 20)
        #expect(output.chunks.max() ?? 0 < ReportChunk.size + 16_384)
        #expect(warnings == SARIFReporter.warnings(Self.large, gate: Self.gate, report: whole))
        #expect(String(decoding: whole, as: UTF8.self).contains("\"ward/dueAt\": "))
    }

    @Test(arguments: ["json", "sarif"])
    func anOutputThatFailsHalfWayStopsTheReportWithItsError(format: String) throws {
        // Given an output that refuses anything past 200 KB
        let reporter = try ReporterRegistry.reporter(id: format)
        let output = RecordingOutput(failAfter: 200_000)
        // When a report of megabytes is written to it
        let error = #expect(throws: ReporterError.self) {
            _ = try reporter.write(Self.large, gate: Self.gate, options: RenderOptions(), to: output)
        }
        // Then the report stops there with the output's failure, not as an encoding problem
        guard case .outputFailed(let named, let reason) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(named == format && reason.contains("Refused"))
        #expect(output.data.count > 100_000 && output.data.count <= 200_000)
    }

    @Test func theGzippedSizeCountedInChunksIsThatOfTheWholeDocument() throws {
        let whole = SARIFReporter.render(Self.large, limits: .github)
        let counter = GzipSizeCounter()
        whole.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + 1 + offset % 70_001)
                counter.add(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                offset = end
            }
        }
        let size = try #require(counter.finish())
        #expect(size == SARIFLimits.gzippedSize(of: whole))
        #expect(size > 1000 && size < whole.count / 4)
    }
}
