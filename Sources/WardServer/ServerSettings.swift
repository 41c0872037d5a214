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

    /// Whether only this machine can reach the bound address.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Whether every request needs an API token: any address but loopback, or when asked.
    public var requiresTokens: Bool { !isLoopback || requireTokensOnLoopback }

    /// Whether session cookies must be `Secure` (the public URL is https).
    var isHTTPS: Bool { publicURL?.scheme?.lowercased() == "https" }
}
