import ArgumentParser
import Foundation
import WardCore
import WardApp

/// The reviewer's filters of `ward findings`: first-seen dates, rule, CWE, package, advisory,
/// identity, triage, suppression, and the order.
struct ReviewFilterOptions: ParsableArguments {
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

    /// Sets the query's reviewer filters and order from the options.
    func apply(to query: inout FindingQuery) throws {
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
