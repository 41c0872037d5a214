import Foundation
import Synchronization
import WardCore
import WardHistoryFormat

/// Compresses raw results on a thread of its own, batch by batch, while the writer goes on storing
/// findings: the compressed rows come back in the order their batches were sent, for the writer
/// to insert (see ``RawResults``).
///
/// The queue of batches to compress is not bounded: its items point at texts the scan holds anyway,
/// so the writer never waits to send and goes on to the findings while the thread catches up.
/// Nothing here touches the database. The thread stops once ``close()`` is called (whatever is
/// still queued is dropped).
final class RawCompressionWorker: Sendable {
    /// A raw result waiting to be compressed, under the row id and digest the writer chose.
    struct Item: Sendable {
        var id: Int64
        var digest: RawDigest
        var text: String
    }

    /// A compressed raw result, ready to be inserted.
    struct Row: Sendable {
        var id: Int64
        var digest: RawDigest
        var body: Data
    }

    /// The batches sent and not yet taken (from `next` on).
    private struct Queue {
        var batches: [[Item]] = []
        var next = 0
        var closed = false
    }

    private let input = Mutex(Queue())
    /// One signal per batch sent, and one when closed.
    private let queued = DispatchSemaphore(value: 0)
    /// Compressed batches not yet taken, in the order they were sent.
    private let output = Mutex<[Result<[Row], InvalidRow>]>([])
    /// One signal per compressed batch in ``output``.
    private let compressed = DispatchSemaphore(value: 0)

    /// Starts the thread, compressing against `dictionary`.
    init(dictionary: [UInt8] = RawDictionary.current) {
        Thread { [self] in
            let compressor: RawCompressor
            do throws(InvalidRow) {
                compressor = try RawCompressor(dictionary: dictionary)
            } catch {
                // Every batch sent fails with the reason, so the writer hears of it.
                while receive() != nil { deliver(.failure(error)) }
                return
            }
            while let batch = receive() {
                let rows = Result { () throws(InvalidRow) -> [Row] in
                    try batch.map { item throws(InvalidRow) in Row(id: item.id, digest: item.digest, body: try compressor.compress(item.text)) }
                }
                deliver(rows)
            }
        }.start()
    }

    /// Queues `batch` for compression.
    func send(_ batch: [Item]) {
        input.withLock { queue in
            if !queue.closed { queue.batches.append(batch) }
        }
        queued.signal()
    }

    /// The next batch to compress, waiting for one; nil once closed.
    private func receive() -> [Item]? {
        queued.wait()
        return input.withLock { queue -> [Item]? in
            guard !queue.closed, queue.next < queue.batches.count else { return nil }
            // A batch taken is let go by the queue at once.
            let batch = queue.batches[queue.next]
            queue.batches[queue.next] = []
            queue.next += 1
            if queue.next == queue.batches.count {
                queue.batches.removeAll(keepingCapacity: true)
                queue.next = 0
            }
            return batch
        }
    }

    /// The oldest compressed batch; waits for it when `waiting`, else nil when none is ready.
    /// Only as many batches as were sent can be taken.
    func take(waiting: Bool) throws(InvalidRow) -> [Row]? {
        if waiting {
            compressed.wait()
        } else if compressed.wait(timeout: .now()) == .timedOut {
            return nil
        }
        return try output.withLock { $0.removeFirst() }.get()
    }

    /// Stops the thread; batches still queued are dropped.
    func close() {
        input.withLock { queue in
            queue.closed = true
            queue.batches = []
        }
        queued.signal()
    }

    private func deliver(_ rows: Result<[Row], InvalidRow>) {
        output.withLock { $0.append(rows) }
        compressed.signal()
    }
}
