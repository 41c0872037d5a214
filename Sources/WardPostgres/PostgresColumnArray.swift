import PostgresNIO
import WardCore

/// One column of a batch of rows bound as a single PostgreSQL array, in the binary format (NULLs
/// included), for `INSERT … SELECT * FROM unnest($1, $2, …)`: the server parses one statement with
/// one parameter per column, however many rows the batch holds.
struct PostgresColumnArray: PostgresDynamicTypeEncodable {
    /// The column's kind: the array's element type.
    let kind: HistoryColumn.Kind
    /// The column's value in each row, in order.
    let values: [HistoryValue]

    /// Each kind's element type and array type.
    static let types: [HistoryColumn.Kind: (element: PostgresDataType, array: PostgresDataType)] = [
        .integer: (.int8, .int8Array), .real: (.float8, .float8Array), .text: (.text, .textArray), .blob: (.bytea, .byteaArray),
        .boolean: (.bool, .boolArray), .timestamp: (.timestamptz, .timestamptzArray),
    ]
    /// Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 UTC.
    static let epochOffset: Int64 = 946_684_800_000_000

    var psqlType: PostgresDataType { Self.types[kind]?.array ?? .textArray }
    var psqlFormat: PostgresFormat { .binary }

    /// One dimension of `values.count` elements from index 1, each a length (-1 for NULL) and its bytes.
    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(Int32(1))
        buffer.writeInteger(Int32(values.contains(.null) ? 1 : 0))
        buffer.writeInteger((Self.types[kind]?.element ?? .text).rawValue)
        buffer.writeInteger(Int32(values.count))
        buffer.writeInteger(Int32(1))
        for value in values {
            switch value {
            case .null:
                buffer.writeInteger(Int32(-1))
            case .integer(let integer):
                buffer.writeInteger(Int32(8))
                buffer.writeInteger(integer)
            case .real(let real):
                buffer.writeInteger(Int32(8))
                buffer.writeInteger(real.bitPattern)
            case .text(let text):
                buffer.writeInteger(Int32(text.utf8.count))
                buffer.writeString(text)
            case .blob(let bytes):
                buffer.writeInteger(Int32(bytes.count))
                buffer.writeBytes(bytes)
            case .boolean(let flag):
                buffer.writeInteger(Int32(1))
                buffer.writeInteger(UInt8(flag ? 1 : 0))
            case .timestamp(let microseconds):
                buffer.writeInteger(Int32(8))
                buffer.writeInteger(microseconds - Self.epochOffset)
            }
        }
    }
}
