/// `pg3-byte-order-indexes`: the indexes of the findings listings' default order (most severe
/// first, then path and line; per target, per status, and over the whole history) rebuilt with the
/// path compared by bytes (`COLLATE "C"`) and NULL paths and lines first, which is the order the
/// listings ask for (see `PostgresFindingSearch+Keyset.swift`). In the database's own collation the
/// planner could use them only to find the findings of one severity and then had to sort them all:
/// `ward findings --severity critical --limit 100` over a million findings took half a second.
enum PostgresOrderIndexes {
    static let statements = [
        #"DROP INDEX "finding_on_targetName_order""#,
        #"CREATE INDEX "finding_on_targetName_order" ON "finding"("targetName", "severityRank" DESC, \#(place))"#,
        #"DROP INDEX "finding_on_order""#,
        #"CREATE INDEX "finding_on_order" ON "finding"("severityRank" DESC, \#(place))"#,
        #"DROP INDEX "finding_on_status_order""#,
        #"CREATE INDEX "finding_on_status_order" ON "finding"("status", "severityRank" DESC, \#(place))"#,
    ]

    /// A finding's place within a severity, as the listings order it.
    private static let place = #""path" COLLATE "C" NULLS FIRST, "startLine" NULLS FIRST"#
}
