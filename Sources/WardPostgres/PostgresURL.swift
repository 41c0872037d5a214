import Foundation

/// The parts of a `postgres://[user@][host][:port][/database][?parameter=value&…]` URL, as libpq
/// reads them, before the environment fills in what it leaves out.
///
/// A password (`user:password@`, `?password=`) is refused: it would sit in shell history, process
/// listings and CI logs. The refusal never repeats the URL.
struct PostgresURL: Sendable, Equatable {
    /// The schemes libpq accepts.
    static let schemes = ["postgres://", "postgresql://"]
    /// The query parameters understood, by libpq's names.
    static let knownParameters = ["sslmode", "sslrootcert", "sslcert", "sslkey", "application_name", "connect_timeout"]

    var user: String?
    var host: String?
    var port: Int?
    var database: String?
    /// Query parameters by name, percent-decoded.
    var parameters: [String: String] = [:]

    /// Parses `text`, refusing a password, an unknown or repeated parameter and a malformed port.
    init(_ text: String) throws(PostgresError) {
        guard let scheme = Self.schemes.first(where: { text.lowercased().hasPrefix($0) }) else {
            throw .invalidURL(reason: "expected postgres://USER@HOST:PORT/DATABASE")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        if let question = rest.firstIndex(of: "?") {
            parameters = try Self.parseParameters(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            database = try Self.decoded(rest[rest.index(after: slash)...], part: "database")
        }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            guard !userInfo.contains(":") else { throw .passwordInURL }
            user = try Self.decoded(userInfo, part: "user")
            authority = authority[authority.index(after: at)...]
        }
        try parseHostAndPort(authority)
    }

    private mutating func parseHostAndPort(_ authority: Substring) throws(PostgresError) {
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(reason: "unterminated [IPv6 address]") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidURL(reason: "expected :PORT after ]") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = try Self.decoded(authority[..<colon], part: "host")
            portText = authority[authority.index(after: colon)...]
        } else {
            host = try Self.decoded(authority, part: "host")
        }
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else {
                throw .invalidURL(reason: "the port must be a number from 1 to 65535")
            }
            self.port = port
        }
    }

    private static func parseParameters(_ query: Substring) throws(PostgresError) -> [String: String] {
        var found: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else {
                throw .invalidURL(reason: "parameter without a value; expected NAME=VALUE")
            }
            let name = try decoded(pair[..<equals], part: "parameter name") ?? ""
            if name == "password" { throw .passwordInURL }
            guard knownParameters.contains(name) else {
                throw .invalidURL(reason: "unknown parameter; expected one of \(knownParameters.joined(separator: ", "))")
            }
            guard found[name] == nil else { throw .invalidURL(reason: "\(name) is given twice") }
            found[name] = try decoded(pair[pair.index(after: equals)...], part: name) ?? ""
        }
        return found
    }

    /// `text` percent-decoded; nil when empty.
    private static func decoded(_ text: Substring, part: String) throws(PostgresError) -> String? {
        guard !text.isEmpty else { return nil }
        guard let value = String(text).removingPercentEncoding else {
            throw .invalidURL(reason: "the \(part) has an invalid %-escape")
        }
        return value
    }
}
