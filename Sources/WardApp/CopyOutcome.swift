/// What `ward db copy` did: from where to where, the checksum of the rows it copied (as read from the
/// source in the copy's snapshot) and the checksum of the copy (read back from the destination once
/// committed), computed the same way, and how long each part took.
public struct CopyOutcome: Sendable, Equatable {
    /// `SQLite PATH` or `PostgreSQL postgres://user@host:port/database`.
    public var source: String
    /// The same for the destination.
    public var destination: String
    /// The rows copied, per table, as read from the source.
    public var copied: HistoryChecksum
    /// The rows the destination holds after the copy, per table.
    public var found: HistoryChecksum
    /// Seconds the copy took, migrating the destination and committing included.
    public var copySeconds: Double
    /// Seconds reading the destination back took.
    public var verifySeconds: Double

    /// Creates an outcome.
    public init(source: String, destination: String, copied: HistoryChecksum, found: HistoryChecksum,
                copySeconds: Double, verifySeconds: Double) {
        self.source = source
        self.destination = destination
        self.copied = copied
        self.found = found
        self.copySeconds = copySeconds
        self.verifySeconds = verifySeconds
    }

    /// Whether the destination holds exactly the rows copied: every table's count and digest agree.
    public var verified: Bool {
        copied == found
    }

    /// The tables whose count or digest differ between the source and the copy.
    public var differingTables: [String] {
        let found = Dictionary(uniqueKeysWithValues: self.found.tables.map { ($0.name, $0) })
        return copied.tables.filter { found[$0.name] != $0 }.map(\.name)
            + self.found.tables.map(\.name).filter { name in !copied.tables.contains { $0.name == name } }
    }
}
