import Foundation
import Synchronization
import WardCore
import WardHistoryFormat

/// Compresses raw results on a thread of its own, batch by batch, while the writer goes on storing
/// findings: the compressed rows come back in the order their batches were sent, for the writer
/// to insert (see ``RawResults``).
///
/// Nothing here touches the database. The thread stops once ``close()`` is called (whatever is
/// still queued is dropped) or once it failed to compress a result.
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

    /// Batches sent and not yet compressed, at most: a writer that runs ahead waits.
    static let capacity = 16

    private let input = BoundedChannel<[Item]>(capacity: capacity)
    /// Compressed batches not yet taken, in the order they were sent.
    private let output = Mutex<[Result<[Row], InvalidRow>]>([])
    /// One signal per compressed batch in ``output``.
    private let compressed = DispatchSemaphore(value: 0)

    /// Starts the thread.
    init() {
        Thread { [self] in
            let compressor: RawCompressor
            do throws(InvalidRow) {
                compressor = try RawCompressor()
            } catch {
                // Every batch sent fails with the reason, so the writer hears of it.
                while input.receive() != nil { deliver(.failure(error)) }
                return
            }
            while let batch = input.receive() {
                let rows = Result { () throws(InvalidRow) -> [Row] in
                    try batch.map { item throws(InvalidRow) in Row(id: item.id, digest: item.digest, body: try compressor.compress(item.text)) }
                }
                deliver(rows)
            }
        }.start()
    }

    /// Queues `batch` for compression, waiting while ``capacity`` batches are queued.
    func send(_ batch: [Item]) {
        input.send(batch)
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
        input.cancel()
    }

    private func deliver(_ rows: Result<[Row], InvalidRow>) {
        output.withLock { $0.append(rows) }
        compressed.signal()
    }
}
