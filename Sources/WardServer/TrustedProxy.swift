import Foundation
import HTTPTypes
import Hummingbird

/// What a request says about the connection behind a reverse proxy, believed only when the peer is
/// one of the proxies `--trust-proxy` names: anyone else's `X-Forwarded-Proto` and
/// `X-Forwarded-For` are ignored, so a client cannot claim https or another address.
struct TrustedProxy: Sendable {
    /// The proxies' addresses.
    let addresses: Set<String>

    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// Whether the request came from a trusted proxy.
    func isTrusted(peer: String?) -> Bool {
        guard let peer else { return false }
        return addresses.contains(Self.normalized(peer))
    }

    /// Whether a trusted proxy says the client reached it over https.
    func saysHTTPS(_ request: Request, peer: String?) -> Bool {
        guard isTrusted(peer: peer), let value = request.headers[values: Self.forwardedProto].last else { return false }
        let last = value.split(separator: ",").last?.trimmingCharacters(in: .whitespaces).lowercased()
        return last == "https"
    }

    /// The client's address: the peer's, or, from a trusted proxy, the last address it forwarded for.
    func client(_ request: Request, peer: String?) -> String {
        let peer = peer.map(Self.normalized) ?? "unknown"
        guard isTrusted(peer: peer), let value = request.headers[values: Self.forwardedFor].last,
              let last = value.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty else { return peer }
        return Self.normalized(String(last.prefix(64)))
    }

    /// An address as compared: lowercased, an IPv4-mapped IPv6 address as plain IPv4.
    static func normalized(_ address: String) -> String {
        let lowered = address.lowercased()
        return lowered.hasPrefix("::ffff:") && lowered.contains(".") ? String(lowered.dropFirst(7)) : lowered
    }
}
