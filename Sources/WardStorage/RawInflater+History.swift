import Foundation
import GRDB
import WardHistoryFormat

extension RawInflater {
    /// An inflater for bodies read from `db`, which reads each ``StoredRawDictionary`` they name
    /// from the same history, once.
    static func reading(_ db: Database) throws -> RawInflater {
        try RawInflater(storedBody: { id in try storedDictionary(db, id: id) })
    }

    /// The body of the row holding the ``StoredRawDictionary`` named `id`, nil when there is none.
    static func storedDictionary(_ db: Database, id: UInt32) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT body FROM rawResult WHERE digest = ?", arguments: [StoredRawDictionary.digest(id: id).data])
    }
}
