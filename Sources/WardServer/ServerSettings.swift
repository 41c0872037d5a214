import Foundation
import WardApp

/// Where the server listens, the address it is known by, and the history it serves.
public struct ServerSettings: Sendable {
    /// The history and data directory.
    public var paths: WardPaths
    /// The address to bind (`127.0.0.1`, `::1`, `0.0.0.0`, a host name).
    public var host: String
    /// The port to bind; 0 asks the system for a free one.
    public var port: Int
    /// The URL people reach the server by, when it is behind a proxy or a name.
    public var publicURL: URL?
    /// The most bytes an upload may hold.
    public var uploadLimit: Int
    /// The policy every upload is gated with (`--upload-policy`, a shipped name or a file); nil lets
    /// the uploader name a shipped one.
    public var uploadPolicy: String?
    /// Whether every request needs a token even on loopback (`--require-tokens`, for shared machines).
    public var requireTokensOnLoopback = false
    /// Addresses of reverse proxies whose `X-Forwarded-Proto` and `X-Forwarded-For` are believed
    /// (`--trust-proxy`); those headers from any other peer are ignored.
    public var trustedProxies: Set<String> = []
    /// How long a page session lasts without a request.
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    /// How long a page session lasts at most, however busy.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// How many failed logins one client address may make in ``loginWindow`` before it must wait.
    public var loginFailureLimit = 5
    /// The window failed logins are counted in.
    public var loginWindow: TimeInterval = 60
    /// The policy (a shipped name or a file) whose `sla:` the dashboard counts overdue findings by
    /// and whose gate the scan page shows.
    public var policy = "default"

    /// Parses `--listen HOST:PORT` (`[::1]:8740` for IPv6) and `--public-url`.
    public init(paths: WardPaths, listen: String = "127.0.0.1:8740", publicURL: String? = nil,
                uploadLimit: Int = 64 << 20) throws(ServerError) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
            throw .invalidListenAddress(value: String(listen.prefix(80)))
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw .invalidListenAddress(value: String(listen.prefix(80)))
        }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                throw .invalidPublicURL(value: String(publicURL.prefix(80)))
            }
            self.publicURL = url
        }
        self.paths = paths
        self.host = host
        self.port = port
        self.uploadLimit = uploadLimit
    }

    /// The addresses of `--trust-proxy`: each an IPv4 or IPv6 address.
    public static func proxies(_ values: [String]) throws(ServerError) -> Set<String> {
        var addresses: Set<String> = []
        for value in values {
            let address = value.hasPrefix("[") && value.hasSuffix("]") ? String(value.dropFirst().dropLast()) : value
            guard !address.isEmpty, address.utf8.count <= 45, address.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) else {
                throw .invalidProxyAddress(value: String(value.prefix(80)))
            }
            addresses.insert(TrustedProxy.normalized(address))
        }
        return addresses
    }

    /// Whether only this machine can reach the bound address.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Whether every request needs an API token: any address but loopback, or when asked.
    public var requiresTokens: Bool { !isLoopback || requireTokensOnLoopback }

    /// Whether session cookies must be `Secure` (the public URL is https).
    var isHTTPS: Bool { publicURL?.scheme?.lowercased() == "https" }
}
