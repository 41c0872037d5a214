import Foundation
import Synchronization
import WardCore

/// The source side of ``HistoryCopy``: a thread of its own reads every table of the source in one
/// snapshot, feeds each batch to the table's checksum and sends it down a bounded channel, so the
/// source is read and hashed while the destination writes the batches before.
final class SourceReading: Sendable {
    /// What the reading thread sends: a batch of a table's rows, or the end of a table with its checksum.
    enum Transfer: Sendable {
        case rows(HistoryTable, [[HistoryValue]])
        case end(HistoryTable, HistoryChecksum.Table)
    }

    /// Batches read ahead of the writer, at most.
    static let depth = 4

    /// What the writer receives until it gets nil; cancelling it stops the reading.
    let channel = BoundedChannel<Transfer>(capacity: depth)
    private let failure = Mutex<(any Error)?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts reading `source`'s tables, each with its `columns`, `batchSize` rows at a time.
    init(_ source: any HistoryTables, columns: [HistoryTable: [HistoryColumn]], batchSize: Int) {
        let thread = Thread { [self] in
            do {
                try source.readTables { reader in
                    for table in HistoryTable.all {
                        var accumulator = HistoryChecksum.Accumulator()
                        try reader.rows(of: table, columns: columns[table] ?? [], batchSize: batchSize) { rows in
                            accumulator.add(rows)
                            guard channel.send(.rows(table, rows)) else { throw CancellationError() }
                        }
                        guard channel.send(.end(table, accumulator.table(named: table.name))) else { throw CancellationError() }
                    }
                }
            } catch {
                failure.withLock { $0 = error }
            }
            channel.finish()
            finished.signal()
        }
        thread.name = "ward-copy-source"
        thread.start()
    }

    /// Waits for the reading thread to end; the error that stopped it, if any (none once cancelled
    /// by the writer, whose own error counts).
    func wait() -> (any Error)? {
        finished.wait()
        finished.signal()
        return failure.withLock { $0 }
    }
}
