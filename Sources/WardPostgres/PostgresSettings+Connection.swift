import Foundation
import PostgresNIO

extension PostgresSettings {
    /// PostgresNIO's configuration for these settings, TLS set up as libpq's `sslmode` says:
    /// `disable` none; `prefer` when offered and `require` always, both without verifying the
    /// certificate unless `sslrootcert` is given (as libpq); `verify-ca` the chain; `verify-full`
    /// the chain and the host name.
    func connectionConfiguration() throws(PostgresError) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: try tls()
        )
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        // No JIT compilation: Ward's queries are short, and compiling one costs more (tens of
        // milliseconds) than it saves.
        configuration.options.additionalStartupParameters = [("application_name", applicationName), ("jit", "off")]
        return configuration
    }

    private func tls() throws(PostgresError) -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return .disable
        case .prefer, .require:
            tls.certificateVerification = sslRootCert == nil ? .none : .noHostnameVerification
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        if let sslRootCert {
            try readable(sslRootCert, parameter: "sslrootcert")
            tls.trustRoots = .file(sslRootCert)
        }
        if let sslCert {
            try readable(sslCert, parameter: "sslcert")
            guard let sslKey else {
                throw .unusableTLSFile(parameter: "sslcert", path: sslCert, reason: "sslkey must name its private key")
            }
            try readable(sslKey, parameter: "sslkey")
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(sslCert).map { .certificate($0) }
            } catch {
                throw .unusableTLSFile(parameter: "sslcert", path: sslCert, reason: "not a PEM certificate")
            }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: sslKey, format: .pem))
            } catch {
                throw .unusableTLSFile(parameter: "sslkey", path: sslKey, reason: "not a PEM private key")
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw .unusableTLSFile(parameter: "sslmode=\(sslMode.rawValue)", path: sslRootCert ?? sslCert ?? "-", reason: "\(error)")
        }
        return sslMode == .prefer ? .prefer(context) : .require(context)
    }

    private func readable(_ path: String, parameter: String) throws(PostgresError) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unusableTLSFile(parameter: parameter, path: path, reason: "cannot be read")
        }
    }
}
