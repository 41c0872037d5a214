import Foundation
import GRDB

/// Turns the errors GRDB and SQLite raise into short, one-line reasons.
///
/// Arguments of the failed statement are never included: they may hold secrets.
enum DatabaseFailure {
    /// A one-line reason for `error`.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else {
            return oneLine(String(describing: error))
        }
        return reason(code: error.resultCode, message: error.message)
    }

    /// The storage error to throw for `error` raised while doing `operation` on the file at `path`.
    ///
    /// A ``StorageError`` thrown from inside a transaction passes through unchanged.
    static func storageError(
        _ error: any Error,
        path: String,
        wrap operation: (_ path: String, _ reason: String) -> StorageError
    ) -> StorageError {
        if let storageError = error as? StorageError { return storageError }
        return operation(path, reason(error))
    }

    private static func reason(code: ResultCode, message: String?) -> String {
        switch code {
        case .SQLITE_BUSY: "database is locked by another process (gave up after waiting \(AppDatabase.busyTimeoutSeconds) s)"
        case .SQLITE_LOCKED: "database table is locked by another statement"
        case .SQLITE_NOTADB: "file is not a database"
        case .SQLITE_CORRUPT: "database disk image is malformed"
        case .SQLITE_IOERR: "disk I/O error"
        case .SQLITE_FULL: "database or disk is full"
        case .SQLITE_READONLY: "database is read-only"
        case .SQLITE_CANTOPEN: "unable to open database file"
        case .SQLITE_PERM, .SQLITE_AUTH: "permission denied"
        case .SQLITE_CONSTRAINT: oneLine(message ?? "constraint failed")
        default: oneLine(message ?? "SQLite error \(code.rawValue)")
        }
    }

    /// Longest reason kept; decoding errors can quote a whole row.
    private static let maximumLength = 300

    private static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > maximumLength ? line.prefix(maximumLength) + "…" : line
    }
}
