import Foundation
import Synchronization

/// A scan passing the ``RedactionStage`` on a thread of its own, its findings handed to the
/// consumer (the store) chunk by chunk through a ``BoundedChannel`` as they are masked, so that
/// masking and storing run on two cores at once.
///
/// The stage's guarantee holds: the thread first gathers the values of the whole scan (every value
/// found in a file is known before any finding of that file is masked), then masks the findings in
/// order, ``RedactionStage/chunkSize`` at a time, waiting while ``capacity`` chunks are not yet taken.
/// The findings handed over are kept, so that ``scan()`` gives the whole redacted scan at the end.
public final class RedactedScanStream: Sendable {
    /// Chunks waiting between the masking thread and the consumer, at most.
    public static let capacity = 4

    /// The scan without its findings and tool runs: what the store needs to know before the
    /// findings arrive (its id, target, mode, input digest, when it started).
    public let header: ScanRun
    private let channel = BoundedChannel<[Finding]>(capacity: capacity)
    private let runs = Mutex<[ToolRun]>([])
    private let received = Mutex<[Finding]>([])
    private let done = DispatchSemaphore(value: 0)

    /// Starts redacting `scan` with `stage` on a thread of its own.
    init(_ scan: ScanRun, stage: RedactionStage) {
        var header = scan
        header.findings = []
        header.toolRuns = []
        self.header = header
        Thread { [self] in
            let findings = scan.findings
            var gathered = stage.gathering()
            for chunk in RedactionStage.chunks(of: findings.count) { stage.gather(findings[chunk], into: &gathered) }
            let masking = RedactionStage.Masking(gathered)
            for chunk in RedactionStage.chunks(of: findings.count) {
                let masked = chunk.map { masking.redact(findings[$0], at: $0) }
                guard channel.send(masked) else { break }
            }
            runs.withLock { $0 = stage.redactRuns(scan.toolRuns, values: masking.all) }
            channel.finish()
            done.signal()
        }.start()
    }

    /// The next findings, redacted, in the scan's order; nil once every finding was handed over
    /// (or the stream was cancelled).
    public func next() -> Redacted<[Finding]>? {
        guard let chunk = channel.receive() else { return nil }
        received.withLock { $0 += chunk }
        return Redacted(chunk)
    }

    /// Stops the masking thread: the consumer failed and takes nothing more.
    public func cancel() {
        channel.cancel()
    }

    /// The whole scan as redacted, every finding in order with its tool runs redacted: waits for
    /// (and takes) whatever ``next()`` has not handed over yet. Not for a cancelled stream.
    public func scan() -> Redacted<ScanRun> {
        while next() != nil {}
        done.wait()
        done.signal()
        var scan = header
        scan.findings = received.withLock { $0 }
        scan.toolRuns = runs.withLock { $0 }
        return Redacted(scan)
    }
}

extension RedactionStage {
    /// `scan` redacted on a thread of its own and handed over through a bounded channel.
    public func stream(_ scan: ScanRun) -> RedactedScanStream {
        RedactedScanStream(scan, stage: self)
    }
}
