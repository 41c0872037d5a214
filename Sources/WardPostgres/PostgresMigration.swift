/// One named, append-only step of the PostgreSQL history's schema: statements run in order, in
/// the migrating transaction. A shipped migration is never edited; changes are new migrations.
public struct PostgresMigration: Sendable, Equatable {
    /// The name recorded in the bookkeeping table once applied.
    public let name: String
    /// The statements, one per element (the extended protocol runs one statement at a time).
    public let statements: [String]

    /// Creates a migration.
    public init(name: String, statements: [String]) {
        self.name = name
        self.statements = statements
    }
}
