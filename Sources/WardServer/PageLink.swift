import Foundation
import WardReporters

/// Query strings of links between pages: names and values percent-encoded (a `+` too, so it is
/// never read back as a space); escape the result with ``HTMLText`` inside an attribute.
enum PageLink {
    /// `name=value&…` in the order of the names.
    static func query(_ items: [String: String]) -> String {
        query(items.sorted { $0.key < $1.key })
    }

    /// `name=value&…` in the given order.
    static func query(_ items: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }
}
