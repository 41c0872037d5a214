import Foundation
import Synchronization

/// A scan passing the ``RedactionStage`` on a thread of its own, its findings handed to the
/// consumer (the store) chunk by chunk through a ``BoundedChannel`` as they are masked, so that
/// masking and storing run on two cores at once.
///
/// The stage's guarantee holds: the thread first gathers the values of the whole scan (every value
/// found in a file is known before any finding of that file is masked), then masks the findings in
/// order, ``RedactionStage/chunkSize`` at a time, waiting while ``capacity`` chunks are not yet taken.
/// The findings are masked where they lie, so that ``scan()`` gives the whole redacted scan at the
/// end without a second array of them.
public final class RedactedScanStream: Sendable {
    /// Chunks waiting between the masking thread and the consumer, at most.
    public static let capacity = 4

    /// The scan without its findings and tool runs: what the store needs to know before the
    /// findings arrive (its id, target, mode, input digest, when it started).
    public let header: ScanRun
    /// How many findings the scan has.
    public let count: Int
    private let channel = BoundedChannel<[Finding]>(capacity: capacity)
    /// The findings as given, until the masking thread takes them.
    private let pending: Mutex<[Finding]>
    private let runs = Mutex<[ToolRun]>([])
    /// Every finding, masked, once the masking thread has sent the last.
    private let masked = Mutex<[Finding]>([])
    private let done = DispatchSemaphore(value: 0)

    /// Starts redacting `scan` with `stage` on a thread of its own.
    init(_ scan: consuming ScanRun, stage: RedactionStage) {
        let toolRuns = scan.toolRuns
        count = scan.findings.count
        pending = Mutex(scan.findings)
        scan.findings = []
        scan.toolRuns = []
        scan.redaction = stage.fingerprint
        header = scan
        Thread { [self] in
            // Taken from `pending`, so that this thread holds the only reference and masks in place.
            var findings = pending.withLock { pending in
                defer { pending = [] }
                return pending
            }
            let all = mask(&findings, stage: stage)
            masked.withLock { $0 = findings }
            runs.withLock { $0 = stage.redactRuns(toolRuns, values: all) }
            channel.finish()
            done.signal()
        }.start()
    }

    /// Gathers the values of all `findings`, then masks them in place and sends copies of them,
    /// chunk by chunk, until the last or until the consumer cancels; returns every value masked.
    private func mask(_ findings: inout [Finding], stage: RedactionStage) -> [String] {
        let masking = RedactionStage.Masking(stage.gatherAll(findings))
        for chunk in RedactionStage.chunks(of: findings.count) {
            for position in chunk {
                findings[position] = masking.redact(findings[position], at: position)
            }
            guard channel.send(Array(findings[chunk])) else {
                // Cancelled: what was not masked is let go, never kept for ``scan()``.
                findings.removeSubrange(chunk.upperBound...)
                break
            }
        }
        return masking.all
    }

    /// The next findings, redacted, in the scan's order; nil once every finding was handed over
    /// (or the stream was cancelled).
    public func next() -> Redacted<[Finding]>? {
        guard let chunk = channel.receive() else { return nil }
        return Redacted(chunk)
    }

    /// Stops the masking thread: the consumer failed and takes nothing more.
    public func cancel() {
        channel.cancel()
    }

    /// The whole scan as redacted, every finding in order with its tool runs redacted: waits for
    /// (and takes) whatever ``next()`` has not handed over yet. A cancelled stream gives only the
    /// findings masked before it stopped.
    public func scan() -> Redacted<ScanRun> {
        while next() != nil {}
        done.wait()
        done.signal()
        var scan = header
        scan.findings = masked.withLock { $0 }
        scan.toolRuns = runs.withLock { $0 }
        return Redacted(scan)
    }
}

extension RedactionStage {
    /// `scan` redacted on a thread of its own and handed over through a bounded channel; a scan
    /// handed over (`consume`) is let go as soon as its last finding is masked.
    public func stream(_ scan: consuming ScanRun) -> RedactedScanStream {
        RedactedScanStream(consume scan, stage: self)
    }
}
