import WardCore

/// The logical content of a history, computed the same way whichever backend its rows come from:
/// per table, the number of rows and a SHA-256 over them in primary-key order, and one SHA-256 over
/// every table's. `ward db copy` computes it from the rows it copies and again from the copy.
///
/// A row's values are taken in the order of their columns' names, each in a backend-neutral text
/// form with a tag and a length: `n` (NULL), `i` (integer, decimal), `r` (floating point, shortest
/// round-tripping decimal), `t` (text, UTF-8), `x` (blob, lowercase hex), `l` (boolean, 1 or 0),
/// `d` (timestamp, `yyyy-MM-dd HH:mm:ss.SSS` UTC: to the millisecond, the precision both histories keep).
public struct HistoryChecksum: Sendable, Equatable {
    /// One table's part of the checksum.
    public struct Table: Sendable, Equatable {
        /// The table's name.
        public let name: String
        /// How many rows it holds.
        public let rows: Int
        /// The SHA-256 of its rows, lowercase hex.
        public let digest: String
    }

    /// The tables, in ``HistoryTable/all``'s order.
    public private(set) var tables: [Table] = []

    /// The SHA-256 over every table's name, row count and digest, lowercase hex.
    public var digest: String {
        SHA256.hex(tables.map { "\($0.name) \($0.rows) \($0.digest)\n" }.joined())
    }

    /// Adds a table's part.
    mutating func append(_ table: Table) {
        tables.append(table)
    }

    /// The running digest of one table's rows.
    struct Accumulator {
        private var hasher = SHA256.Hasher()
        private var rows = 0
        private var buffer: [UInt8] = []

        /// Adds rows, each with its values in the order of their columns' names.
        mutating func add(_ batch: [[HistoryValue]]) {
            buffer.removeAll(keepingCapacity: true)
            for row in batch {
                for value in row { Self.encode(value, into: &buffer) }
                buffer.append(UInt8(ascii: "\n"))
            }
            hasher.update(buffer)
            rows += batch.count
        }

        /// The table's part of the checksum.
        mutating func table(named name: String) -> Table {
            Table(name: name, rows: rows, digest: SHA256.hexString(hasher.finalize()))
        }

        private static func encode(_ value: HistoryValue, into buffer: inout [UInt8]) {
            switch value {
            case .null: buffer.append(UInt8(ascii: "n"))
            case .integer(let integer): field("i", Array(String(integer).utf8), into: &buffer)
            case .real(let real): field("r", Array(String(real).utf8), into: &buffer)
            case .text(let text): field("t", Array(text.utf8), into: &buffer)
            case .blob(let bytes): field("x", hex(bytes), into: &buffer)
            case .boolean(let flag): field("l", [UInt8(ascii: flag ? "1" : "0")], into: &buffer)
            case .timestamp(let microseconds): field("d", Array(HistoryValue.timestampText(microseconds: microseconds).utf8), into: &buffer)
            }
        }

        /// `tag`, the payload's length in decimal, `:`, the payload.
        private static func field(_ tag: Unicode.Scalar, _ payload: [UInt8], into buffer: inout [UInt8]) {
            buffer.append(UInt8(ascii: tag))
            buffer.append(contentsOf: String(payload.count).utf8)
            buffer.append(UInt8(ascii: ":"))
            buffer.append(contentsOf: payload)
        }

        private static let digits = Array("0123456789abcdef".utf8)

        private static func hex(_ bytes: [UInt8]) -> [UInt8] {
            var text: [UInt8] = []
            text.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
            return text
        }
    }
}
