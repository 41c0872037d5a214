import Foundation
import WardConfig
import WardCore

/// The reviewable file of triage decisions a team keeps in git (`ward triage export`, read by
/// `ward triage import` and `--triage`): a mapping whose only key is `decisions`, a list of
/// `identity`, `target`, `state`, `reason`, `author`, `at` and optional `expires`.
///
/// Read strictly, like a policy: unknown keys, wrong types, unknown states, dates that are not
/// dates, reasons that are blank, too long or hold control characters, and an identity listed
/// twice for one target are errors naming file, line and column, never quoting the reason.
public enum TriageFile {
    /// One decision of the file.
    public struct Entry: Sendable, Equatable {
        /// The finding's identity.
        public var identity: String
        /// The target the decision was made in, when the file names one.
        public var target: String?
        /// The decision.
        public var decision: TriageDecision

        /// Creates an entry.
        public init(identity: String, target: String?, decision: TriageDecision) {
            self.identity = identity
            self.target = target
            self.decision = decision
        }
    }

    static let entryKeys = ["identity", "target", "state", "reason", "author", "at", "expires"]
    /// The sort of document errors name.
    public static let kind = ConfigKind("triage file")

    /// The decisions of the file at `path`.
    public static func load(path: String) throws(PolicyError) -> [Entry] {
        do throws(ConfigError) {
            let document = try YAMLLoader.compose(text: try YAMLLoader.text(atPath: path, kind: kind), path: path, kind: kind)
            let root = try ConfigNode.mapping(document, path: path, kind: kind, expected: "a mapping with the key 'decisions'")
            var entries: [Entry] = []
            var seen: Set<[String]> = []
            for item in try root.fields(allowed: ["decisions"])["decisions"]?.items() ?? [] {
                let entry = try self.entry(item)
                guard seen.insert([entry.identity, entry.target ?? ""]).inserted else {
                    throw ConfigError.unusable(at: item.location, problem: "this identity is listed twice for one target")
                }
                entries.append(entry)
            }
            return entries
        } catch {
            throw .configuration(error)
        }
    }

    private static func entry(_ node: ConfigNode) throws(ConfigError) -> Entry {
        let fields = try node.fields(allowed: entryKeys)
        func required(_ key: String) throws(ConfigError) -> ConfigNode {
            guard let value = fields[key] else { throw node.missing(key) }
            return value
        }
        let identity = try text(try required("identity"), limit: 200, what: "an identity")
        guard identity.unicodeScalars.allSatisfy({ $0.isASCII && !$0.properties.isWhitespace }) else {
            throw ConfigError.unusable(at: try required("identity").location, problem: "expected an identity such as v1:0123abcd…")
        }
        let stateNode = try required("state")
        let stateText = try stateNode.string()
        guard let state = TriageDecision.State(rawValue: stateText) else {
            throw stateNode.unknown("triage state", stateText, known: TriageDecision.State.allCases.map(\.rawValue))
        }
        let decision = TriageDecision(
            state: state, reason: try text(try required("reason"), limit: TriageDecision.maximumReasonLength, what: "a reason"),
            expires: try fields["expires"].map(day)?.end,
            author: try text(try required("author"), limit: TriageDecision.maximumAuthorLength, what: "an author"),
            at: try instant(try required("at")))
        return Entry(identity: identity, target: try fields["target"].map { node throws(ConfigError) in try text(node, limit: 4096, what: "a target") },
                     decision: decision)
    }

    /// A non-blank string without control characters, of at most `limit` characters; never quoted in errors.
    private static func text(_ node: ConfigNode, limit: Int, what: String) throws(ConfigError) -> String {
        let value = try node.string(nonEmpty: true)
        guard value.count <= limit else { throw ConfigError.unusable(at: node.location, problem: "expected \(what) of at most \(limit) characters") }
        guard !TriageDecision.hasControlCharacters(value) else {
            throw ConfigError.unusable(at: node.location, problem: "expected \(what) without control characters")
        }
        return value
    }

    private static func day(_ node: ConfigNode) throws(ConfigError) -> CalendarDay {
        let text = try node.string()
        guard let day = CalendarDay(text) else {
            throw node.invalid(expected: "a date YYYY-MM-DD from \(CalendarDay.years.lowerBound) to \(CalendarDay.years.upperBound)", found: text)
        }
        return day
    }

    private static func instant(_ node: ConfigNode) throws(ConfigError) -> Date {
        let text = try node.string()
        if let day = CalendarDay(text) { return day.end.addingTimeInterval(-86_400) }
        if let date = Timestamp.parse(text) { return date }
        throw node.invalid(expected: "a time such as 2026-01-31T09:30:00.000Z", found: text)
    }
}
