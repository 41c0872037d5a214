import Foundation
import GRDB
import WardCore

extension FindingSearch {
    /// The conditions of the reviewer's filters: dates, rule, CWE, package, advisory or alias,
    /// identity prefix, triage state, suppression.
    func reviewConditions(arguments: inout [String: (any DatabaseValueConvertible)?]) -> [String] {
        var conditions: [String] = []
        if let since = query.since {
            conditions.append("f.firstSeenAt >= :since")
            arguments["since"] = since
        }
        if let until = query.until {
            conditions.append("f.firstSeenAt < :until")
            arguments["until"] = until
        }
        if !query.rules.isEmpty {
            conditions.append("f.ruleId IN (\(Self.bind(query.rules, prefix: "rule", into: &arguments)))")
        }
        if !query.cwes.isEmpty {
            let cwes = Self.bind(query.cwes.map { $0.uppercased() }, prefix: "cwe", into: &arguments)
            conditions.append("EXISTS (SELECT 1 FROM json_each(f.cwes) WHERE upper(value) IN (\(cwes)))")
        }
        if !query.packages.isEmpty {
            conditions.append("lower(f.packageName) IN (\(Self.bind(query.packages.map { $0.lowercased() }, prefix: "package", into: &arguments)))")
        }
        if let advisory = query.advisory {
            // Any id any tool ever gave the finding; the table's ids compare without regard to case.
            conditions.append("f.id IN (SELECT findingId FROM findingAdvisory WHERE advisoryId = :advisory)")
            arguments["advisory"] = advisory
        }
        if let prefix = query.identityPrefix {
            conditions.append(HistoryIndexMigration.prefixCondition("f.identity", parameter: "identityPrefix"))
            arguments["identityPrefix"] = prefix
        }
        if !query.triage.isEmpty {
            let states = Self.bind(query.triage.map(\.rawValue), prefix: "triage", into: &arguments)
            conditions.append("(SELECT state FROM triage WHERE findingId = f.id ORDER BY id DESC LIMIT 1) IN (\(states))")
        }
        if let suppressed = query.suppressed {
            conditions.append(suppressed ? "NOT (\(unsuppressed))" : unsuppressed)
        }
        if let overdue = query.overdue {
            conditions.append(overdueCondition(overdue, arguments: &arguments))
        }
        return conditions
    }

    /// Neither the tool, the source nor a policy waiver suppresses the finding.
    private var unsuppressed: String {
        "(\(locationTable).suppression IS NULL AND \(waiverColumn) IS NULL)"
    }

    /// Open, unsuppressed and first seen before its severity's cut-off: one range of the
    /// `(severityRank, firstSeenAt)` index per severity with a limit, the cut-offs bound once, no
    /// date arithmetic per row.
    private func overdueCondition(_ overdue: ServiceLevel.Deadlines,
                                  arguments: inout [String: (any DatabaseValueConvertible)?]) -> String {
        let bySeverity = overdue.cutoffs.sorted { $0.key.rank > $1.key.rank }.map { severity, cutoff in
            arguments["overdue\(severity.rank)"] = cutoff
            return "(f.severityRank = \(severity.rank) AND f.firstSeenAt < :overdue\(severity.rank))"
        }
        let due = bySeverity.isEmpty ? "0" : "(" + bySeverity.joined(separator: " OR ") + ")"
        // A reviewer's false positive, or accepted risk not expired, waives it like the gate does,
        // also when it was decided after the finding's latest scan.
        arguments["overdueNow"] = overdue.now
        let triaged = """
            EXISTS (SELECT 1 FROM triage t WHERE t.id = (SELECT max(id) FROM triage WHERE findingId = f.id)
            AND t.state IN ('false-positive', 'accepted-risk') AND (t.expiresAt IS NULL OR t.expiresAt > :overdueNow))
            """
        return "(\(statusColumn) = 'open' AND \(due) AND \(unsuppressed) AND NOT \(triaged))"
    }
}
