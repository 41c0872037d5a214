/// `pg1-history`'s indexes: SQLite's after `v12-api-tokens`, under the same names, for the same
/// reviewer's queries (the default order of `ward findings` with and without a target, identity
/// prefixes, date ranges, statuses, overdue cut-offs, events by finding and by scan, advisory ids).
enum PostgresHistoryIndexes {
    static let statements = [
        #"CREATE INDEX "scan_on_targetName_startedAt" ON "scan"("targetName", "startedAt")"#,
        #"CREATE UNIQUE INDEX "scan_on_targetName_inputDigest" ON "scan"("targetName", "inputDigest") WHERE "inputDigest" IS NOT NULL AND "mode" = 'import'"#,
        #"CREATE INDEX "scan_on_targetName_branch" ON "scan"("targetName", "branch", "startedAt")"#,
        #"CREATE INDEX "toolRun_on_scanId" ON "toolRun"("scanId")"#,
        #"CREATE INDEX "finding_on_targetName_status" ON "finding"("targetName", "status")"#,
        #"CREATE INDEX "finding_on_path" ON "finding"("path")"#,
        #"CREATE INDEX "finding_on_severityRank_firstSeenAt" ON "finding"("severityRank", "firstSeenAt")"#,
        #"CREATE INDEX "finding_on_targetName_order" ON "finding"("targetName", "severityRank" DESC, "path", "startLine")"#,
        #"CREATE INDEX "finding_on_order" ON "finding"("severityRank" DESC, "path", "startLine")"#,
        // text_pattern_ops: an identity prefix (LIKE 'v1:3f2a%') is a range read whatever the collation.
        #"CREATE INDEX "finding_on_identity" ON "finding"("identity" text_pattern_ops)"#,
        #"CREATE INDEX "finding_on_firstSeenAt" ON "finding"("firstSeenAt")"#,
        #"CREATE INDEX "finding_on_status_order" ON "finding"("status", "severityRank" DESC, "path", "startLine")"#,
        #"CREATE INDEX "occurrence_on_findingId_toolId" ON "occurrence"("findingId", "toolId")"#,
        #"CREATE INDEX "findingEvent_on_findingId_id" ON "findingEvent"("findingId", "id")"#,
        #"CREATE INDEX "findingEvent_on_scanId_kind" ON "findingEvent"("scanId", "kind")"#,
        #"CREATE INDEX "triage_on_findingId_id" ON "triage"("findingId", "id")"#,
        #"CREATE INDEX "findingAdvisory_on_findingId" ON "findingAdvisory"("findingId")"#,
        #"CREATE UNIQUE INDEX "rawResult_on_digest" ON "rawResult"("digest")"#,
    ]
}
