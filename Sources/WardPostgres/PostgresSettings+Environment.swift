import Foundation

extension PostgresSettings {
    /// The settings of a `postgres://` URL, with what it leaves out taken from libpq's environment
    /// variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`,
    /// `PGSSLCERT`, `PGSSLKEY`, `PGAPPNAME`, `PGCONNECT_TIMEOUT`) and then libpq's defaults, and the
    /// password from `PGPASSWORD`, else the password file (`PGPASSFILE`, default `~/.pgpass`).
    ///
    /// Refuses a URL that holds a password, without repeating it.
    public static func resolve(_ url: String, environment: [String: String]) throws(PostgresError) -> PostgresSettings {
        let parsed = try PostgresURL(url)
        func value(_ parameter: String, _ variable: String) -> String? {
            parsed.parameters[parameter] ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        }
        let port: Int
        if let fromURL = parsed.port { port = fromURL } else { port = try environmentPort(environment["PGPORT"]) }
        let user = parsed.user ?? nonEmpty(environment["PGUSER"]) ?? nonEmpty(environment["USER"]) ?? "postgres"
        var settings = PostgresSettings(
            host: parsed.host ?? nonEmpty(environment["PGHOST"]) ?? "localhost",
            port: port,
            user: user,
            database: parsed.database ?? nonEmpty(environment["PGDATABASE"]) ?? user
        )
        if let mode = value("sslmode", "PGSSLMODE") {
            guard let sslMode = SSLMode(rawValue: mode) else {
                throw .invalidURL(reason: "sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.sslMode = sslMode
        }
        settings.sslRootCert = value("sslrootcert", "PGSSLROOTCERT")
        settings.sslCert = value("sslcert", "PGSSLCERT")
        settings.sslKey = value("sslkey", "PGSSLKEY")
        settings.applicationName = value("application_name", "PGAPPNAME") ?? "ward"
        if let timeout = value("connect_timeout", "PGCONNECT_TIMEOUT") {
            guard let seconds = Int(timeout), (1...3600).contains(seconds) else {
                throw .invalidURL(reason: "connect_timeout must be a number of seconds from 1 to 3600")
            }
            settings.connectTimeout = seconds
        }
        settings.password = try password(for: settings, environment: environment)
        return settings
    }

    private static func password(for settings: PostgresSettings, environment: [String: String]) throws(PostgresError) -> String? {
        if let password = nonEmpty(environment["PGPASSWORD"]) { return password }
        let path = nonEmpty(environment["PGPASSFILE"])
            ?? nonEmpty(environment["HOME"]).map { $0 + "/.pgpass" }
        guard let path else { return nil }
        return try PasswordFile(path: path).password(
            host: settings.host, port: settings.port, database: settings.database, user: settings.user
        )
    }

    private static func environmentPort(_ text: String?) throws(PostgresError) -> Int {
        guard let text = nonEmpty(text) else { return 5432 }
        guard let port = Int(text), (1...65535).contains(port) else {
            throw .invalidURL(reason: "PGPORT must be a number from 1 to 65535")
        }
        return port
    }

    private static func nonEmpty(_ text: String?) -> String? {
        text.flatMap { $0.isEmpty ? nil : $0 }
    }
}
