/// Where and how to connect to a PostgreSQL history: what a `postgres://` URL and libpq's
/// environment variables say, with the password resolved from `PGPASSWORD` or a password file.
///
/// Its description names the user, host, port and database only, never the password.
public struct PostgresSettings: Sendable, Equatable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The role to log in as.
    public var user: String
    /// The database holding the history.
    public var database: String
    /// How TLS is used (libpq's `sslmode`).
    public var sslMode: SSLMode
    /// PEM file of the certificate authorities that verify the server (`sslrootcert`).
    public var sslRootCert: String?
    /// PEM file of the client certificate (`sslcert`), with its key in ``sslKey``.
    public var sslCert: String?
    /// PEM file of the client certificate's private key (`sslkey`).
    public var sslKey: String?
    /// The name the server shows for the connection (`application_name`).
    public var applicationName: String
    /// Seconds to wait for the connection (`connect_timeout`).
    public var connectTimeout: Int
    /// The password, from `PGPASSWORD` or a password file; nil when neither gives one.
    public var password: String?

    /// Creates settings; the defaults are libpq's.
    public init(host: String = "localhost", port: Int = 5432, user: String, database: String, sslMode: SSLMode = .prefer,
                sslRootCert: String? = nil, sslCert: String? = nil, sslKey: String? = nil,
                applicationName: String = "ward", connectTimeout: Int = 10, password: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
        self.sslCert = sslCert
        self.sslKey = sslKey
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        self.password = password
    }

    /// `host:port`, bracketed when the host is an IPv6 address.
    public var endpoint: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `postgres://user@host:port/database`: the URL without a password or parameters.
    public var description: String {
        "postgres://\(user)@\(endpoint)/\(database)"
    }

    /// Whether `text` is a PostgreSQL URL (`postgres://` or `postgresql://`) rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        PostgresURL.schemes.contains { text.lowercased().hasPrefix($0) }
    }
}
