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

    @OptionGroup var review: ReviewFilterOptions

    @Option(name: .long, help: ArgumentHelp("table, json or csv.", valueName: "format"))
    var format: Format = .table

    /// What `ward findings` prints.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, json, csv
    }

    @Flag(name: .long, help: "Only open, unwaived findings past their severity's days in the policy's 'sla:'.")
    var overdue = false

    @Option(name: .long, help: ArgumentHelp("Policy whose 'sla:' defines --overdue: a shipped name or a YAML file.", valueName: "name-or-path"))
    var policy: String?

    func run() async throws {
        global.apply()
        let history = HistoryService(paths: global.paths)
        var query = try query()
        if overdue {
            query = try history.overdue(query, policy: policy ?? "default")
        } else if policy != nil {
            throw WardFailure("--policy only applies with --overdue")
        }
        let findings = try history.findings(query, inScan: scan)
        try Console.show { try HistoryReport.findings(findings, format: format.rawValue, options: $0, overdue: query.overdue) }
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
        try review.apply(to: &query)
        return query
    }
}
