import Foundation
import PostgresNIO
import WardCore

extension PostgresFindingSearch {
    /// The conditions of the reviewer's filters: dates, rule, CWE, package, advisory or alias,
    /// identity prefix, triage state, overdue cut-offs.
    mutating func reviewConditions(status: String, waiver: String) -> [String] {
        var conditions: [String] = []
        if let since = query.since { conditions.append("f.\"firstSeenAt\" >= \(parameter(since))") }
        if let until = query.until { conditions.append("f.\"firstSeenAt\" < \(parameter(until))") }
        if !query.rules.isEmpty { conditions.append("f.\"ruleId\" = ANY(\(parameter(query.rules)))") }
        if !query.cwes.isEmpty {
            let cwes = parameter(query.cwes.map { $0.uppercased() })
            conditions.append("EXISTS (SELECT 1 FROM jsonb_array_elements_text(f.cwes::jsonb) c WHERE upper(c) = ANY(\(cwes)))")
        }
        if !query.packages.isEmpty {
            conditions.append("lower(f.\"packageName\") = ANY(\(parameter(query.packages.map { $0.lowercased() })))")
        }
        if let advisory = query.advisory {
            // Any id any tool ever gave the finding; the column's collation ignores case.
            conditions.append(#"f.id IN (SELECT "findingId" FROM "findingAdvisory" WHERE "advisoryId" = \#(parameter(advisory)))"#)
        }
        if let prefix = query.identityPrefix {
            conditions.append("starts_with(f.identity, \(parameter(prefix)))")
        }
        if !query.triage.isEmpty {
            let states = parameter(query.triage.map(\.rawValue))
            conditions.append(#"(SELECT state FROM triage WHERE "findingId" = f.id ORDER BY id DESC LIMIT 1) = ANY(\#(states))"#)
        }
        if let overdue = query.overdue {
            conditions.append(overdueCondition(overdue, status: status, waiver: waiver))
        }
        return conditions
    }

    /// Neither the tool, the source nor a policy waiver suppresses the finding.
    func unsuppressed(waiver: String) -> String {
        "(\(location).suppression IS NULL AND \(waiver) IS NULL)"
    }

    /// Open, unsuppressed, not waived by a reviewer (a false positive, or an accepted risk not
    /// expired), and first seen before its severity's cut-off, as on SQLite.
    private mutating func overdueCondition(_ overdue: ServiceLevel.Deadlines, status: String, waiver: String) -> String {
        let bySeverity = overdue.cutoffs.sorted { $0.key.rank > $1.key.rank }.map { severity, cutoff in
            #"(f."severityRank" = \#(severity.rank) AND f."firstSeenAt" < \#(parameter(cutoff)))"#
        }
        let due = bySeverity.isEmpty ? "false" : "(" + bySeverity.joined(separator: " OR ") + ")"
        let now = parameter(overdue.now)
        let triaged = #"EXISTS (SELECT 1 FROM triage t WHERE t.id = (SELECT max(id) FROM triage WHERE "findingId" = f.id) "#
            + #"AND t.state IN ('false-positive', 'accepted-risk') AND (t."expiresAt" IS NULL OR t."expiresAt" > \#(now)))"#
        return "(\(status) = 'open' AND \(due) AND \(unsuppressed(waiver: waiver)) AND NOT \(triaged))"
    }
}
