import Foundation
import PostgresNIO
import WardHistoryFormat

extension RawInflater {
    /// An inflater for bodies read through `session`, which reads each ``StoredRawDictionary``
    /// they name from the same history, once (a history copied from SQLite holds them).
    static func reading(_ session: PostgresSession) throws -> RawInflater {
        try RawInflater(storedBody: { id in try storedDictionary(session, id: id) })
    }

    /// The body of the row holding the ``StoredRawDictionary`` named `id`, nil when there is none.
    static func storedDictionary(_ session: PostgresSession, id: UInt32) throws -> Data? {
        var values = PostgresBindings(capacity: 1)
        try values.append(StoredRawDictionary.digest(id: id).data)
        guard let row = try session.query(#"SELECT body FROM "rawResult" WHERE digest = $1"#, values).first else { return nil }
        var reader = PostgresRowReader(row)
        return try reader.next(Data.self)
    }
}
