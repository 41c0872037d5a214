import Foundation
import WardCore

/// Copies every row of every table of one history into another, empty one, in one transaction of
/// the destination, reading the source's tables in one snapshot, `batchSize` rows at a time; then
/// reads the copy back. Both sides feed ``HistoryChecksum`` the same rows in the same order.
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
                    return try source.readTables { reader in
                        do {
                            return try copyTables(reader, writer)
                        } catch {
                            failure = error
                            throw error
                        }
                    }
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

    private func copyTables(_ reader: any HistoryTableReader, _ writer: any HistoryTableWriter) throws -> HistoryChecksum {
        for table in HistoryTable.all where Set(columns[table] ?? []) != Set(try writer.columns(of: table)) {
            throw AppError.invalidRequest(reason: "table \(table.name): the columns of \(source.location) and \(destination.location) differ")
        }
        var checksum = HistoryChecksum()
        for table in HistoryTable.all {
            let ordered = columns[table] ?? []
            var accumulator = HistoryChecksum.Accumulator()
            var copied = 0
            try reader.rows(of: table, columns: ordered, batchSize: Self.batchSize) { rows in
                accumulator.add(rows)
                try writer.insert(rows, into: table, columns: ordered)
                copied += rows.count
                if copied % Self.progressRows < rows.count { log.progress("copying \(table.name): \(copied) rows so far") }
            }
            try writer.finish(table)
            let part = accumulator.table(named: table.name)
            checksum.append(part)
            log.progress("copied \(table.name): \(part.rows) rows")
        }
        return checksum
    }
}
