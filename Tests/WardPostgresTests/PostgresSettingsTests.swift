import Testing
import WardPostgres

/// `postgres://` URLs and libpq's environment, read as libpq reads them; passwords never from the URL.
@Suite struct PostgresSettingsTests {
    /// An environment with no libpq variables and a home without a password file.
    let bare = ["HOME": "/nonexistent-home"]

    @Test func readsEveryPartOfTheURL() throws {
        let settings = try PostgresSettings.resolve(
            "postgres://ci%40ward@db.example.org:6543/ward%20history?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=ward-ci&connect_timeout=5",
            environment: bare
        )
        #expect(settings.user == "ci@ward")
        #expect(settings.host == "db.example.org")
        #expect(settings.port == 6543)
        #expect(settings.database == "ward history")
        #expect(settings.sslMode == .verifyFull)
        #expect(settings.sslRootCert == "/etc/ca.pem")
        #expect(settings.applicationName == "ward-ci")
        #expect(settings.connectTimeout == 5)
        #expect(settings.password == nil)
        #expect(settings.description == "postgres://ci@ward@db.example.org:6543/ward history")
    }

    @Test func fillsWhatTheURLLeavesOutFromTheEnvironmentThenLibpqDefaults() throws {
        let fromEnvironment = try PostgresSettings.resolve("postgresql://", environment: [
            "PGHOST": "pg.internal", "PGPORT": "5433", "PGUSER": "ward", "PGDATABASE": "history", "PGSSLMODE": "require",
        ])
        #expect(fromEnvironment == PostgresSettings(host: "pg.internal", port: 5433, user: "ward", database: "history", sslMode: .require))
        let defaults = try PostgresSettings.resolve("postgres://alice@", environment: bare)
        #expect(defaults == PostgresSettings(host: "localhost", port: 5432, user: "alice", database: "alice", sslMode: .prefer))
        let urlWins = try PostgresSettings.resolve("postgres://bob@h/db?sslmode=disable", environment: ["PGUSER": "eve", "PGSSLMODE": "require"])
        #expect(urlWins.user == "bob" && urlWins.sslMode == .disable)
    }

    @Test func readsBracketedIPv6Hosts() throws {
        let settings = try PostgresSettings.resolve("postgres://u@[::1]:5440/d", environment: bare)
        #expect(settings.host == "::1" && settings.port == 5440 && settings.endpoint == "[::1]:5440")
    }

    @Test(arguments: [
        "postgres://ward:hunter2-secret@db/ward",
        "postgres://ward:@db/ward",
        "postgres://ward@db/ward?password=hunter2-secret",
        "postgres://ward@db/ward?sslmode=disable&password=hunter2-secret",
    ])
    func refusesAPasswordInTheURLWithoutRepeatingIt(url: String) {
        #expect(throws: PostgresError.passwordInURL) { try PostgresSettings.resolve(url, environment: bare) }
        #expect(!PostgresError.passwordInURL.description.contains("hunter2"))
        #expect(!PostgresError.passwordInURL.description.contains("\n"))
    }

    @Test(arguments: [
        ("mysql://u@h/d", "expected postgres://"),
        ("postgres://u@h:0/d", "port"),
        ("postgres://u@h:99999/d", "port"),
        ("postgres://u@h:54x/d", "port"),
        ("postgres://u@h/d?sslmode=allow-all", "sslmode must be one of disable, prefer, require, verify-ca, verify-full"),
        ("postgres://u@h/d?sslmode=disable&sslmode=require", "given twice"),
        ("postgres://u@h/d?options=-csearch_path%3Devil", "unknown parameter"),
        ("postgres://u@h/d?sslmode", "NAME=VALUE"),
        ("postgres://u@[::1/d", "IPv6"),
        ("postgres://u@h/d%zz", "%-escape"),
        ("postgres://u@h/d?connect_timeout=0", "connect_timeout"),
    ])
    func refusesMalformedURLsInOneLine(url: String, expected: String) {
        do {
            _ = try PostgresSettings.resolve(url, environment: bare)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func takesThePasswordFromPGPASSWORD() throws {
        let settings = try PostgresSettings.resolve("postgres://u@h/d", environment: ["PGPASSWORD": "from-env", "HOME": "/nonexistent-home"])
        #expect(settings.password == "from-env")
        #expect(!settings.description.contains("from-env"))
    }

    @Test func recognisesPostgresURLsAndNothingElse() {
        #expect(PostgresSettings.isURL("postgres://u@h/d"))
        #expect(PostgresSettings.isURL("PostgreSQL://u@h/d"))
        #expect(!PostgresSettings.isURL("history.sqlite"))
        #expect(!PostgresSettings.isURL("./postgres:/x.sqlite"))
    }
}
