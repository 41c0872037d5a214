import Foundation

/// Why the server could not start.
public enum ServerError: Error, Sendable, CustomStringConvertible {
    /// `--listen` is not `HOST:PORT` with a port from 0 to 65535.
    case invalidListenAddress(value: String)
    /// `--public-url` is not an http or https URL with a host.
    case invalidPublicURL(value: String)
    /// `--trust-proxy` is not an IP address.
    case invalidProxyAddress(value: String)
    /// A non-loopback address was asked for while no API token exists.
    case tokensRequired(address: String)

    public var description: String {
        switch self {
        case .invalidListenAddress(let value): "--listen: '\(value)' is not HOST:PORT (for example 127.0.0.1:8740)"
        case .invalidPublicURL(let value): "--public-url: '\(value)' is not an http or https URL with a host"
        case .invalidProxyAddress(let value): "--trust-proxy: '\(value)' is not an IPv4 or IPv6 address"
        case .tokensRequired(let address):
            "--listen \(address) is not a loopback address: create an API token first (ward tokens create --owner NAME --role viewer)"
        }
    }
}
