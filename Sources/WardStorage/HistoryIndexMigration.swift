import Foundation
import GRDB

/// `v9-history-indexes`: indexes for the reviewers' queries on a large history.
///
/// - `finding_on_targetName_order`, `finding_on_order`: the default order of `ward findings`
///   (most severe first, then path and line; the row id last, as every index holds it), with and
///   without a target, so a `--limit` query reads its first rows in order instead of sorting them all.
/// - `finding_on_identity`: a finding named by its identity or an identity prefix in any target
///   (`ward show`, `ward triage`, `--identity`), searched as a range of identities.
enum HistoryIndexMigration {
    static func apply(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX finding_on_targetName_order ON finding(targetName, severityRank DESC, path, startLine);
            CREATE INDEX finding_on_order ON finding(severityRank DESC, path, startLine);
            CREATE INDEX finding_on_identity ON finding(identity);
            """)
    }

    /// The condition that `column` starts with the text of parameter `parameter` (named, without
    /// its colon), written as a range an index on the column answers, and exact for any prefix.
    static func prefixCondition(_ column: String, parameter: String) -> String {
        "(\(column) >= :\(parameter) AND \(column) < :\(parameter) || char(1114111) AND substr(\(column), 1, length(:\(parameter))) = :\(parameter))"
    }
}
