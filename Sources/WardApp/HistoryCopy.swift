import Foundation
import WardCore

/// Copies every row of every table of one history into another, empty one, in one transaction of
/// the destination, the source's tables read in one snapshot, `batchSize` rows at a time, on a
/// thread of their own (``SourceReading``) while this one writes; then reads the copy back. Both
/// sides feed ``HistoryChecksum`` the same rows in the same order.
struct HistoryCopy {
    /// Rows read, written and hashed at a time.
    static let batchSize = 5000
    /// Rows between two progress lines of one table.
    static let progressRows = 500_000

    let source: any HistoryTables
    /// The source's columns of every table, in the order of their names (see ``columns(of:)``).
    let columns: [HistoryTable: [HistoryColumn]]
    let destination: any HistoryTables
    let log: ActivityLog

    /// The columns of every table of `history`, each table's in the order of their names: refused
    /// when a table is missing or a column has an unexpected type.
    static func columns(of history: any HistoryTables) throws(AppError) -> [HistoryTable: [HistoryColumn]] {
        do {
            return try history.readTables { reader in
                var columns: [HistoryTable: [HistoryColumn]] = [:]
                for table in HistoryTable.all {
                    columns[table] = try reader.columns(of: table).sorted { $0.name < $1.name }
                }
                return columns
            }
        } catch {
            throw .wrapping(error)
        }
    }

    /// Copies the rows; returns the checksum of what was read from the source. Refuses a
    /// destination holding any row, and tables whose columns differ between the two.
    func copy() throws(AppError) -> HistoryChecksum {
        // The innermost error, before an enclosing transaction of the other backend words it in its own terms.
        var failure: (any Error)?
        do {
            return try destination.writeTables { writer in
                do {
                    for table in HistoryTable.all where try writer.count(of: table) > 0 {
                        throw AppError.invalidRequest(reason: "\(destination.location): already holds a history (table \(table.name) "
                            + "is not empty); ward db copy writes only into an empty one")
                    }
                    return try transfer(into: writer)
                } catch {
                    if failure == nil { failure = error }
                    throw error
                }
            }
        } catch {
            throw .wrapping(failure ?? error)
        }
    }

    /// The checksum of `history`'s tables, read in one snapshot.
    static func checksum(of history: any HistoryTables) throws(AppError) -> HistoryChecksum {
        do {
            return try history.readTables { reader in
                var checksum = HistoryChecksum()
                for table in HistoryTable.all {
                    var accumulator = HistoryChecksum.Accumulator()
                    let columns = try reader.columns(of: table).sorted { $0.name < $1.name }
                    try reader.rows(of: table, columns: columns, batchSize: batchSize) { accumulator.add($0) }
                    checksum.append(accumulator.table(named: table.name))
                }
                return checksum
            }
        } catch {
            throw .wrapping(error)
        }
    }

    /// Writes what ``SourceReading`` reads, batch after batch; returns the source's checksum.
    private func transfer(into writer: any HistoryTableWriter) throws -> HistoryChecksum {
        for table in HistoryTable.all where Set(columns[table] ?? []) != Set(try writer.columns(of: table)) {
            throw AppError.invalidRequest(reason: "table \(table.name): the columns of \(source.location) and \(destination.location) differ")
        }
        let reading = SourceReading(source, columns: columns, batchSize: Self.batchSize)
        var checksum = HistoryChecksum()
        do {
            var copied = 0
            while let transfer = reading.channel.receive() {
                switch transfer {
                case .rows(let table, let rows):
                    try writer.insert(rows, into: table, columns: columns[table] ?? [])
                    copied += rows.count
                    if copied % Self.progressRows < rows.count { log.progress("copying \(table.name): \(copied) rows so far") }
                case .end(let table, let part):
                    try writer.finish(table)
                    checksum.append(part)
                    log.progress("copied \(table.name): \(part.rows) rows")
                    copied = 0
                }
            }
        } catch {
            reading.channel.cancel()
            _ = reading.wait()
            throw error
        }
        if let error = reading.wait() { throw error }
        return checksum
    }
}
