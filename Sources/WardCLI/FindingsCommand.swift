import ArgumentParser
import Foundation
import WardApp
import WardCore
import WardReporters

/// `ward findings`: queries the findings history.
struct FindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List findings from the history."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only at or above this severity (critical, high, medium, low, info).", valueName: "level"))
    var severity: String?

    @Option(name: .long, help: ArgumentHelp("Only from these tools (comma-separated or repeated).", valueName: "id"))
    var tool: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only of these kinds: \(FindingKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only in these states: open, fixed.", valueName: "status"))
    var status: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only where the path matches this glob.", valueName: "glob"))
    var path: String?

    @Option(name: .long, help: ArgumentHelp("Only findings seen in this scan (id or prefix).", valueName: "id"))
    var scan: String?

    @Option(name: .long, help: ArgumentHelp("Only findings of this target.", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("At most this many.", valueName: "n"))
    var limit: Int?

    @Option(name: .long, help: ArgumentHelp("Only first seen at or after this date (YYYY-MM-DD or ISO-8601).", valueName: "date"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only first seen up to this date (YYYY-MM-DD, included, or ISO-8601).", valueName: "date"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("Only of these rules (comma-separated or repeated).", valueName: "id"))
    var rule: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only with these CWEs (CWE-79 or 79; comma-separated or repeated).", valueName: "cwe"))
    var cwe: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only about these packages (comma-separated or repeated).", valueName: "name"))
    var package: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only with this advisory id among its ids and aliases.", valueName: "id"))
    var advisory: String?

    @Option(name: .long, help: ArgumentHelp("Only findings whose identity starts with this.", valueName: "prefix"))
    var identity: String?

    @Option(name: .long, help: ArgumentHelp("Only with this triage decision: \(TriageDecision.State.allCases.map(\.rawValue).joined(separator: ", ")).",
                                            valueName: "state"))
    var triage: [String] = []

    @Flag(inversion: .prefixedNo, help: "Only suppressed findings, or (--no-suppressed) only unsuppressed ones.")
    var suppressed: Bool?

    @Option(name: .long, help: ArgumentHelp("Order: severity, first-seen (newest first), last-seen (latest first), path, rule.", valueName: "order"))
    var sort: Order = .severity

    @Option(name: .long, help: ArgumentHelp("table, json or csv.", valueName: "format"))
    var format: Format = .table

    /// What `ward findings` prints.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, json, csv
    }

    /// The orders `--sort` accepts.
    enum Order: String, CaseIterable, ExpressibleByArgument {
        case severity, firstSeen = "first-seen", lastSeen = "last-seen", path, rule

        var sort: FindingSort {
            switch self {
            case .severity: .severity
            case .firstSeen: .newest
            case .lastSeen: .lastSeen
            case .path: .path
            case .rule: .rule
            }
        }
    }

    func run() async throws {
        global.apply()
        let findings = try HistoryService(paths: global.paths).findings(try query(), inScan: scan)
        do {
            Console.output(try HistoryReport.findings(findings, format: format.rawValue,
                                                      options: RenderOptions(color: Console.colorEnabled, width: Console.width)))
        } catch {
            throw WardFailure(error)
        }
    }

    /// The filter the options describe.
    private func query() throws -> FindingQuery {
        var query = FindingQuery(target: target, limit: limit)
        query.pathGlob = path
        query.tools = tool.flatMap { $0.split(separator: ",").map(String.init) }
        if let severity {
            guard let level = Severity(parsing: severity) else { throw WardFailure("unknown severity '\(severity)'") }
            query.minimumSeverity = level
        }
        query.kinds = try kind.flatMap { $0.split(separator: ",") }.map { value in
            guard let parsed = FindingKind(rawValue: String(value)) else { throw WardFailure("unknown kind '\(value)'") }
            return parsed
        }
        query.statuses = try status.flatMap { $0.split(separator: ",") }.map { value in
            guard let parsed = FindingStatus(rawValue: String(value)) else { throw WardFailure("unknown status '\(value)'") }
            return parsed
        }
        try review(&query)
        return query
    }

    /// The reviewer's filters and order.
    private func review(_ query: inout FindingQuery) throws {
        query.since = try since.map { try DateBound.parse($0, option: "--since", edge: .start) }
        query.until = try until.map { try DateBound.parse($0, option: "--until", edge: .end) }
        query.rules = Self.list(rule)
        query.packages = Self.list(package)
        query.cwes = try Self.list(cwe).map { value in
            let digits = value.uppercased().hasPrefix("CWE-") ? String(value.dropFirst(4)) : value
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
                throw WardFailure("--cwe: '\(value)' is not a CWE id (CWE-79 or 79)")
            }
            return "CWE-" + digits
        }
        query.advisory = advisory
        query.identityPrefix = identity
        query.triage = try Self.list(triage).map { value in
            guard let state = TriageDecision.State(rawValue: value) else {
                throw WardFailure("--triage: unknown state '\(value)' (\(TriageDecision.State.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return state
        }
        query.suppressed = suppressed
        query.sort = sort.sort
    }

    /// Values given repeatedly or comma-separated, blanks dropped.
    private static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
