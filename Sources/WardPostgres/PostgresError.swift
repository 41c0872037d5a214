/// Everything the PostgreSQL history refuses or fails at, each with its context. No case carries a
/// password, and no description quotes one.
public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `postgres://` URL that cannot be used; `reason` says which part is wrong.
    case invalidURL(reason: String)
    /// The URL names a password; it must come from `PGPASSWORD` or a password file.
    case passwordInURL
    /// The password file at `path` cannot be used (`reason` says why: permissions, not a file…).
    case unusablePasswordFile(path: String, reason: String)
    /// A TLS file named by `sslrootcert`, `sslcert` or `sslkey` cannot be read.
    case unusableTLSFile(parameter: String, path: String, reason: String)
    /// The server at `endpoint` could not be reached or refused the connection.
    case connectionFailed(endpoint: String, reason: String)
    /// A statement failed; `context` names what was being done.
    case queryFailed(context: String, reason: String)
    /// The schema has migrations this version does not know (written by a newer ward), or one failed.
    case migrationFailed(name: String, reason: String)
    /// The database lacks migrations (`missing`): `ward db migrate` brings it up to date.
    case notMigrated(database: String, missing: String)
    /// A scan id prefix matches several scans.
    case ambiguousScanID(prefix: String, matches: Int)
    /// No finding has this identity (or identity prefix).
    case unknownFinding(identity: String)
    /// An identity prefix matches more than one finding.
    case ambiguousFinding(prefix: String, matches: Int)

    /// One line saying what went wrong.
    public var description: String {
        switch self {
        case .invalidURL(let reason):
            "--db: invalid postgres:// URL: \(reason)"
        case .passwordInURL:
            "--db: the postgres:// URL must not contain a password; set PGPASSWORD or use a password file (PGPASSFILE, default ~/.pgpass)"
        case .unusablePasswordFile(let path, let reason):
            "\(path): password file: \(reason)"
        case .unusableTLSFile(let parameter, let path, let reason):
            "\(path): \(parameter): \(reason)"
        case .connectionFailed(let endpoint, let reason):
            "PostgreSQL at \(endpoint): \(reason)"
        case .queryFailed(let context, let reason):
            "PostgreSQL: \(context): \(reason)"
        case .migrationFailed(let name, let reason):
            "PostgreSQL migration \(name): \(reason)"
        case .notMigrated(let database, let missing):
            "\(database): the history schema lacks migration \(missing); run `ward db migrate --db \(database)` first"
        case .ambiguousScanID(let prefix, let matches):
            "scan id prefix '\(prefix)' matches \(matches) scans; give more characters"
        case .unknownFinding(let identity):
            "no finding '\(identity)' in the PostgreSQL history"
        case .ambiguousFinding(let prefix, let matches):
            "finding identity prefix '\(prefix)' matches \(matches) findings; give more characters or --target"
        }
    }
}
