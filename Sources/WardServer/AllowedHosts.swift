import Foundation

/// The `Host` and `Origin` values the server answers: its own addresses on the bound port and the
/// public URL's. A page of another site that resolved its name to this machine (DNS rebinding)
/// sends its own name, and is refused.
struct AllowedHosts: Sendable {
    /// Accepted `Host` values (lowercased `host:port`).
    let authorities: Set<String>
    /// Accepted `Origin` values (lowercased `scheme://host:port`).
    let origins: Set<String>

    init(settings: ServerSettings, boundPort: Int) {
        var names = [settings.host.contains(":") ? "[\(settings.host)]" : settings.host]
        if settings.isLoopback { names += ["127.0.0.1", "localhost", "[::1]"] }
        var authorities = Set(names.map { "\($0):\(boundPort)".lowercased() })
        var origins = Set(authorities.map { "http://" + $0 })
        if boundPort == 80 { authorities.formUnion(names.map { $0.lowercased() }) }
        if let url = settings.publicURL, let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() {
            let standard = scheme == "https" ? 443 : 80
            let port = url.port ?? standard
            let authority = port == standard ? host : "\(host):\(port)"
            authorities.insert(authority)
            origins.insert("\(scheme)://\(authority)")
        }
        self.authorities = authorities
        self.origins = origins
    }

    /// Whether a request with this `Host` (required) and `Origin` (when sent; else the origin of
    /// `referer`, when given) is the server's own.
    func accepts(host: String?, origin: String?, referer: String? = nil) -> Bool {
        guard let host, authorities.contains(host.lowercased()) else { return false }
        guard let origin = origin ?? referer.map(Self.origin(of:)) else { return true }
        return origins.contains(origin.lowercased())
    }

    /// The origin (`scheme://host[:port]`) of a `Referer` value; "null" when it has none.
    static func origin(of referer: String) -> String {
        guard let url = URL(string: referer), let scheme = url.scheme, let host = url.host, !host.isEmpty else { return "null" }
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(name)" + (url.port.map { ":\($0)" } ?? "")
    }
}
