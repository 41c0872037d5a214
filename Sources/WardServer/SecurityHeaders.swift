import HTTPTypes
import Hummingbird

/// The headers every response carries: nothing loads from elsewhere, no inline script or framing,
/// no content sniffing, no referrer to other sites (a form's own origin still goes with its post, which
/// `no-referrer` would send as `Origin: null`), nothing cached.
enum SecurityHeaders {
    /// The Content-Security-Policy of every response: the pages need their own stylesheet only.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let fields: [(HTTPField.Name, String)] = [
        (HTTPField.Name("Content-Security-Policy")!, contentSecurityPolicy),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Cache-Control")!, "no-store"),
    ]

    /// Sets the fields on `headers`, replacing any.
    static func apply(to headers: inout HTTPFields) {
        for (name, value) in fields { headers[name] = value }
    }
}
