import Foundation
import WardCore

/// A findings filter as a person types it (the options of `ward findings`, the query parameters of
/// the server's findings listing), turned into a ``FindingQuery`` in one place.
public struct FindingFilter: Sendable, Hashable {
    /// Only at or above this severity.
    public var severity: String?
    /// Only from these tools; each value may hold several, comma-separated.
    public var tools: [String] = []
    /// Only of these kinds.
    public var kinds: [String] = []
    /// Only in these states (open, fixed).
    public var statuses: [String] = []
    /// Only where the path matches this glob.
    public var path: String?
    /// Only of this target.
    public var target: String?
    /// Only first seen at or after this date.
    public var since: String?
    /// Only first seen up to this date.
    public var until: String?
    /// Only of these rules.
    public var rules: [String] = []
    /// Only with these CWEs (CWE-79 or 79).
    public var cwes: [String] = []
    /// Only about these packages.
    public var packages: [String] = []
    /// Only with this advisory id.
    public var advisory: String?
    /// Only whose identity starts with this.
    public var identity: String?
    /// Only with these triage decisions.
    public var triage: [String] = []
    /// Only suppressed (true) or unsuppressed (false) findings.
    public var suppressed: Bool?
    /// The order: severity, first-seen, last-seen, path, rule.
    public var sort: String?

    /// The names ``sort`` accepts, with the order each means.
    public static let sorts: [(name: String, sort: FindingSort)] = [
        ("severity", .severity), ("first-seen", .newest), ("last-seen", .lastSeen), ("path", .path), ("rule", .rule),
    ]

    /// Creates an empty filter.
    public init() {}

    /// The query this filter describes; `option` names a field as the front end calls it (`--severity`, `severity`).
    public func query(option: (String) -> String = { "--" + $0 }) throws(AppError) -> FindingQuery {
        var query = FindingQuery(target: target)
        query.pathGlob = path
        query.tools = Self.list(tools)
        if let severity {
            guard let level = Severity(parsing: severity) else { throw .invalidRequest(reason: "unknown severity '\(Self.shown(severity))'") }
            query.minimumSeverity = level
        }
        query.kinds = try Self.list(kinds).map { value throws(AppError) in
            guard let kind = FindingKind(rawValue: value) else { throw .invalidRequest(reason: "unknown kind '\(Self.shown(value))'") }
            return kind
        }
        query.statuses = try Self.list(statuses).map { value throws(AppError) in
            guard let status = FindingStatus(rawValue: value) else { throw .invalidRequest(reason: "unknown status '\(Self.shown(value))'") }
            return status
        }
        query.since = try since.map { text throws(AppError) in try DateBound.parse(text, option: option("since"), edge: .start) }
        query.until = try until.map { text throws(AppError) in try DateBound.parse(text, option: option("until"), edge: .end) }
        query.rules = Self.list(rules)
        query.packages = Self.list(packages)
        query.cwes = try Self.list(cwes).map { value throws(AppError) in try Self.cwe(value, option: option("cwe")) }
        query.advisory = advisory
        query.identityPrefix = identity
        query.triage = try Self.list(triage).map { value throws(AppError) in
            guard let state = TriageDecision.State(rawValue: value) else {
                let known = TriageDecision.State.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidRequest(reason: "\(option("triage")): unknown state '\(Self.shown(value))' (\(known))")
            }
            return state
        }
        query.suppressed = suppressed
        if let sort {
            guard let order = Self.sorts.first(where: { $0.name == sort }) else {
                throw .invalidRequest(reason: "\(option("sort")): unknown order '\(Self.shown(sort))' (\(Self.sorts.map(\.name).joined(separator: ", ")))")
            }
            query.sort = order.sort
        }
        return query
    }

    /// `CWE-` and the digits of `value` (CWE-79 or 79).
    static func cwe(_ value: String, option: String) throws(AppError) -> String {
        let digits = value.uppercased().hasPrefix("CWE-") ? String(value.dropFirst(4)) : value
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw .invalidRequest(reason: "\(option): '\(shown(value))' is not a CWE id (CWE-79 or 79)")
        }
        return "CWE-" + digits
    }

    /// Values given repeatedly or comma-separated, blanks dropped.
    static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// At most 40 printable ASCII characters of `text`, for an error message.
    static func shown(_ text: String) -> String {
        String(text.prefix(40).map { $0.isASCII && !$0.isNewline && !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? true) ? $0 : "?" })
    }
}
