import Testing
import TestSupport
import WardPostgres

/// libpq's `sslmode` against the test cluster, which offers no TLS: `prefer` connects in clear,
/// `require` and stricter modes refuse to, and a TLS file that cannot be read is named.
@Suite struct PostgresTLSTests {
    func connects(_ mode: SSLMode, rootCert: String? = nil) async throws {
        var settings = try TestPostgres.settings()
        settings.sslMode = mode
        settings.sslRootCert = rootCert
        let one = try await PostgresStore(settings: settings).withConnection("test") { connection, logger in
            try await connection.query("SELECT 1", logger: logger).decode(Int.self).reduce(0, +)
        }
        #expect(one == 1)
    }

    @Test func preferFallsBackToAClearConnectionWhenTheServerHasNoTLS() async throws {
        try await connects(.prefer)
        try await connects(.disable)
    }

    @Test(arguments: [SSLMode.require, .verifyCA, .verifyFull])
    func strictModesRefuseAServerWithoutTLS(mode: SSLMode) async throws {
        do {
            try await connects(mode)
            Issue.record("connected without TLS under sslmode=\(mode.rawValue)")
        } catch let error as PostgresError {
            guard case .connectionFailed = error else { throw error }
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func namesAnUnreadableRootCertificate() async throws {
        await #expect(throws: PostgresError.unusableTLSFile(parameter: "sslrootcert", path: "/nonexistent/ca.pem", reason: "cannot be read")) {
            try await connects(.verifyFull, rootCert: "/nonexistent/ca.pem")
        }
    }
}
