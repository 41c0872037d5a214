import Foundation
import Hummingbird
import WardApp
import WardCore

/// A findings listing asked for with query parameters: the filters of `ward findings` under the
/// same names (repeated or comma-separated lists), and a page of `limit` findings after `offset`,
/// or (keyset paging, the same cost at any depth) after or before the `cursor` of another page.
struct FindingsPage: Sendable {
    /// Findings per page when no `limit` is given.
    static let defaultLimit = 50
    /// The most findings one page holds.
    static let maximumLimit = 500

    var filter = FindingFilter()
    var scan: String?
    var limit = FindingsPage.defaultLimit
    var offset = 0
    var cursor: FindingCursor?

    init(_ parameters: Parameters) throws(AppError) {
        filter.severity = parameters.get("severity")
        filter.tools = parameters.getAll("tool")
        filter.kinds = parameters.getAll("kind")
        filter.statuses = parameters.getAll("status")
        filter.path = parameters.get("path")
        filter.target = parameters.get("target")
        filter.since = parameters.get("since")
        filter.until = parameters.get("until")
        filter.rules = parameters.getAll("rule")
        filter.cwes = parameters.getAll("cwe")
        filter.packages = parameters.getAll("package")
        filter.advisory = parameters.get("advisory")
        filter.identity = parameters.get("identity")
        filter.triage = parameters.getAll("triage")
        filter.sort = parameters.get("sort")
        scan = parameters.get("scan")
        if let suppressed = parameters.get("suppressed") {
            guard let value = Bool(suppressed) else { throw .invalidRequest(reason: "suppressed: expected true or false") }
            filter.suppressed = value
        }
        limit = try Self.number(parameters.get("limit"), name: "limit", range: 1...Self.maximumLimit) ?? Self.defaultLimit
        offset = try Self.number(parameters.get("offset"), name: "offset", range: 0...Int(Int32.max)) ?? 0
        if let token = parameters.get("cursor") {
            guard let cursor = FindingCursor(token: token) else { throw .invalidRequest(reason: "cursor: not a cursor of this listing") }
            guard parameters.get("offset") == nil else { throw .invalidRequest(reason: "cursor: give either cursor or offset, not both") }
            self.cursor = cursor
        }
    }

    /// The query for this page.
    func query() throws(AppError) -> FindingQuery {
        var query = try filter.query { $0 }
        query.limit = limit
        query.offset = offset
        query.cursor = cursor
        return query
    }

    /// `path` with `parameters` (`offset` and `cursor` left out) and `cursor`: the address of
    /// the neighbouring page of a listing.
    static func link(path: String, parameters: Parameters, cursor: FindingCursor) -> String {
        var items = parameters.map { (String($0.key), String($0.value)) }.filter { $0.0 != "offset" && $0.0 != "cursor" }
        items.append(("cursor", cursor.token))
        return path + "?" + PageLink.query(items)
    }

    /// `text` as a whole number in `range`, nil when absent.
    static func number(_ text: String?, name: String, range: ClosedRange<Int>) throws(AppError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .invalidRequest(reason: "\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
