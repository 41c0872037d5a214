/// What `ward db migrate` did: which backend, which database (a path, or a URL without password),
/// and the migrations it applied, in order (none when the schema was current).
public struct MigrationOutcome: Sendable, Equatable {
    /// `SQLite` or `PostgreSQL`.
    public var backend: String
    /// The file path, or `postgres://user@host:port/database`.
    public var database: String
    /// The names of the migrations applied by this run.
    public var applied: [String]

    /// Creates an outcome.
    public init(backend: String, database: String, applied: [String]) {
        self.backend = backend
        self.database = database
        self.applied = applied
    }
}
