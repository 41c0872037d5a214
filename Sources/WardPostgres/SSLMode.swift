/// How the connection uses TLS, with libpq's `sslmode` names and meanings.
public enum SSLMode: String, Sendable, CaseIterable {
    /// Never TLS.
    case disable
    /// TLS when the server offers it, without verifying its certificate (libpq's default).
    case prefer
    /// TLS always; the certificate is verified against `sslrootcert` only when one is given.
    case require
    /// TLS always, the certificate chain verified against `sslrootcert` (or the system's roots).
    case verifyCA = "verify-ca"
    /// As ``verifyCA``, and the certificate must name the host.
    case verifyFull = "verify-full"
}
