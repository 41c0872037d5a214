import Foundation
import Hummingbird

/// The fields of a posted HTML form (`application/x-www-form-urlencoded`), read once by
/// ``RequestGuard`` for the CSRF check and again by the route.
struct FormFields: Sendable {
    /// The most bytes a page form may post.
    static let maximumBody = 16 << 10

    private let values: [String: String]

    /// Decodes `body`; a field given twice keeps its first value, a malformed body has no fields.
    init(_ body: String) {
        var values: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[name] == nil, let value { values[name] = value }
        }
        self.values = values
    }

    /// Reads the request's form, buffering the body so the route can read it again; nil when the
    /// body is not a form or is larger than ``maximumBody``.
    static func read(_ request: inout Request) async -> FormFields? {
        guard let type = request.headers[.contentType]?.lowercased(), type.hasPrefix("application/x-www-form-urlencoded"),
              let body = try? await request.collectBody(upTo: maximumBody) else { return nil }
        return FormFields(String(buffer: body))
    }

    /// The value of `name`, nil when absent.
    subscript(_ name: String) -> String? { values[name] }

    /// The value of `name` with surrounding white space removed; nil when absent or blank.
    func text(_ name: String) -> String? {
        let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == false ? value : nil
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
