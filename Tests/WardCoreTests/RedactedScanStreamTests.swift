import Foundation
import Testing
import WardCore

/// The redaction stage on a thread of its own: what the consumer receives, chunk by chunk, is what
/// the stage gives for the whole scan at once.
@Suite struct RedactedScanStreamTests {
    static let token = RedactionStageTests.token

    static func finding(_ index: Int, path: String, message: String = "m", raw: String? = nil) -> Finding {
        Finding(toolID: "semgrep", ruleID: "r\(index)", title: "t", message: message, kind: .sast, severity: .low,
                location: SourceLocation(path: path, startLine: index + 1), identity: "v1:\(index)", raw: raw)
    }

    @Test("a value found in the last chunk is masked in the first chunk's findings of that file and in the tool runs")
    func streamedEqualsWhole() {
        // Given a scan of three chunks whose first finding quotes a token only the last one reveals
        var findings = [Self.finding(0, path: "app/settings.py", raw: #"{"extra":{"lines":"x = prefix\#(Self.token)"}}"#)]
        let count = 2 * RedactionStage.chunkSize + 100
        findings += (1..<count).map { Self.finding($0, path: "app/other\($0 % 7).py") }
        findings.append(Self.finding(count, path: "app/settings.py", message: "found \(Self.token)"))
        var scan = RedactionStageTests.scan(findings)
        scan.toolRuns = [ToolRun(toolID: "semgrep", state: .succeeded, stderrHead: "warning: prefix\(Self.token)")]
        let stage = RedactionStage(matcher: RedactionStageTests.TokenMatcher())

        // When the scan passes the stage as a stream and the consumer takes every chunk
        let stream = stage.stream(scan)
        var chunks: [[Finding]] = []
        while let chunk = stream.next() { chunks.append(chunk.value) }

        // Then the chunks are the scan's findings in order, at most a chunk's size each, masked as
        // the whole scan is, and the assembled scan is the whole scan redacted
        let whole = stage.redact(scan).value
        #expect(chunks.map(\.count) == [RedactionStage.chunkSize, RedactionStage.chunkSize, 101])
        #expect(Array(chunks.joined()) == whole.findings)
        #expect(chunks[0][0].raw?.contains("R8xk2LmP") == false)
        #expect(stream.scan().value == whole)
        #expect(stream.scan().value.toolRuns[0].stderrHead.contains("R8xk2LmP") == false)
    }

    @Test func scanWithoutTakingChunksWaitsForTheWholeScan() {
        let findings = (0..<(RedactionStage.chunkSize * 3)).map { Self.finding($0, path: "a.py") }
        let stage = RedactionStage(matcher: RedactionStageTests.TokenMatcher())
        let scan = RedactionStageTests.scan(findings)
        #expect(stage.stream(scan).scan().value == stage.redact(scan).value)
    }

    @Test func cancellingEndsTheStream() {
        let findings = (0..<(RedactionStage.chunkSize * 10)).map { Self.finding($0, path: "a.py") }
        let stream = RedactionStage().stream(RedactionStageTests.scan(findings))
        #expect(stream.next()?.value.count == RedactionStage.chunkSize)
        stream.cancel()
        #expect(stream.next() == nil)
    }

    @Test func aCancelledStreamKeepsNoFindingItHadNotMasked() {
        // Given findings that each quote a token, more than the channel holds
        let count = RedactionStage.chunkSize * (RedactedScanStream.capacity + 6)
        let findings = (0..<count).map { Self.finding($0, path: "a.py", message: "found \(Self.token)") }
        let stream = RedactionStage(matcher: RedactionStageTests.TokenMatcher()).stream(RedactionStageTests.scan(findings))

        // When the consumer takes one chunk and cancels
        #expect(stream.next()?.value.first?.message.contains("R8xk2LmP") == false)
        stream.cancel()

        // Then what the stream still gives is masked, and stops where masking stopped
        let kept = stream.scan().value.findings
        #expect(kept.count < count)
        #expect(kept.allSatisfy { !$0.message.contains("R8xk2LmP") })
    }
}
