import Foundation
import GRDB
import WardCore
import WardHistoryFormat

/// Turns a ``FindingQuery`` into one SELECT over `finding`, and its rows into tracked findings.
///
/// With a scan id, only findings with an occurrence in that scan are selected, with their status
/// as of that scan (open: the scan reported them, whatever happened since), and their
/// location, suppression and raw result are that occurrence's (the primary tool's, when several
/// tools reported it in that scan). Without one, the raw result is the latest occurrence's: the
/// finding's primary tool in its last scan.
struct FindingSearch {
    /// The filter.
    let query: FindingQuery
    /// A further SQL condition on `f` (the finding) with its named arguments, for queries the
    /// history builds on top of a filter (a diff of two scans).
    var condition: (sql: String, arguments: [String: any DatabaseValueConvertible])?
    /// Whether raw results are read; without them the column is NULL and nothing of it is loaded.
    var rawResults = true
    /// With a scan id: rows in the order the scan recorded its findings instead of the query's
    /// sort, which SQLite then reads off the occurrence index without sorting.
    var recordedOrder = false

    /// Whether the ids of the scans that saw each finding first and last, and fixed it, are read
    /// (each a look-up by the key the row holds): not for findings read without their history.
    var readsScanIDs = true

    /// Whether the raw column is read: when both the search and its query ask for raw results.
    private var readsRawResults: Bool { rawResults && query.includesRawResults }

    /// Columns before the descriptive ones: history, then the source tools as a JSON array.
    private var historyColumns: [String] {
        [
            "f.identity", "f.targetName", statusColumn, readsScanIDs ? ScanKey.id(of: "f.firstSeenScanKey") : "NULL",
            readsScanIDs ? ScanKey.id(of: "f.lastSeenScanKey") : "NULL",
            readsScanIDs && query.scanID == nil ? ScanKey.id(of: "f.fixedScanKey") : "NULL", "f.firstSeenAt", "f.lastSeenAt",
            "(SELECT json_group_array(DISTINCT toolId) FROM occurrence WHERE occurrence.findingId = f.id)",
        ]
    }

    /// The status the query shows: today's, or `open` in the scan asked about (it reported them).
    var statusColumn: String { query.scanID == nil ? "f.status" : "'open'" }

    /// Runs the query.
    func fetch(_ db: Database) throws -> [TrackedFinding] {
        try fetchRows(db).map { $0.finding }
    }

    /// Runs the query: each finding with its row number (for a keyset cursor).
    func fetchRows(_ db: Database) throws -> [(finding: TrackedFinding, row: Int64)] {
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        var keyset: String?
        if let cursor = query.cursor {
            guard let values = try cursorValues(db, cursor: cursor) else { return [] }
            keyset = keysetCondition(values, arguments: &arguments)
        }
        let sql = makeSQL(arguments: &arguments, byFirstSeen: try isNarrowDateRange(db), keyset: keyset)
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
        var results: [(finding: TrackedFinding, row: Int64)] = []
        let inflater = try RawInflater.reading(db)
        while let row = try rows.next() {
            results.append((try decode(row, inflater: inflater), try row.decode(Int64.self, atIndex: row.count - 1)))
        }
        return results
    }

    /// Runs the query for its findings alone, each with its `sources`.
    func fetchFindings(_ db: Database) throws -> [Finding] {
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        var search = self
        search.readsScanIDs = false
        let sql = search.makeSQL(arguments: &arguments)
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
        var results: [Finding] = []
        // A rule's texts and a file's path repeat over the findings: each is held once (``TextInterner``).
        var interner = TextInterner()
        let inflater = try RawInflater.reading(db)
        // The history columns' SQL is built once, not for each row.
        let content = search.historyColumns.count
        while let row = try rows.next() {
            var finding = try decodeFinding(row, at: content, inflater: inflater)
            finding.sources = try JSONColumn.strings(row[content - 1], column: "sources").sorted()
            interner.share(&finding)
            results.append(finding)
        }
        return results
    }

    /// The finding's location as the query shows it: that scan's occurrence, or the latest one.
    var locationTable: String { query.scanID == nil ? "f" : "o" }

    /// The SQL of the location column `column` (`path`, `startLine`) as the query shows it.
    func locationColumn(_ column: String) -> String {
        query.scanID == nil ? "f.\(column)" : InheritedLocation.column(column, occurrence: "o", finding: "f")
    }

    /// The policy waiver that scan's gate applied, or the latest scan's; NULL when waivers are not shown.
    var waiverColumn: String {
        guard query.showsWaivers else { return "NULL" }
        return "\(locationTable).waiver"
    }

    /// The most findings a date range may hold to be read through the first-seen index and sorted.
    static let narrowDateRange = 20_000

    /// Whether the query's `--since`/`--until` range holds few findings. SQLite's planner would walk
    /// the default order's index and skip every finding outside the range (most of a large history
    /// for a recent `--since`); a range this narrow is cheaper read through its own index and sorted.
    /// Counting stops at the bound, so asking costs at most that many index entries.
    private func isNarrowDateRange(_ db: Database) throws -> Bool {
        guard query.since != nil || query.until != nil, query.scanID == nil else { return false }
        let count = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM (SELECT 1 FROM finding INDEXED BY finding_on_firstSeenAt
            WHERE firstSeenAt >= ? AND firstSeenAt < ? LIMIT ?)
            """, arguments: [query.since ?? Date.distantPast, query.until ?? Date.distantFuture, Self.narrowDateRange + 1]) ?? 0
        return count <= Self.narrowDateRange
    }

    private func makeSQL(arguments: inout [String: (any DatabaseValueConvertible)?], byFirstSeen: Bool = false, keyset: String? = nil) -> String {
        var columns = historyColumns + [FindingColumns.content.sqlList(table: "f"), waiverColumn]
        var sql = byFirstSeen ? "FROM finding f INDEXED BY finding_on_firstSeenAt" : "FROM finding f"
        if query.scanID == nil {
            columns.append(!readsRawResults ? "NULL" : "(SELECT \(FindingColumns.rawBody(of: "occurrence")) FROM occurrence "
                + "WHERE occurrence.scanKey = f.lastSeenScanKey AND findingId = f.id AND toolId = f.toolId)")
        }
        if query.scanID != nil {
            columns.append(FindingColumns.sightingSQL(occurrence: "o", finding: "f") + ", " + (readsRawResults ? FindingColumns.rawBody(of: "o") : "NULL"))
        }
        sql += scanJoin(arguments: &arguments)
        var conditions = makeConditions(arguments: &arguments) + reviewConditions(arguments: &arguments)
        if let keyset { conditions.append(keyset) }
        if let condition {
            conditions.append("(\(condition.sql))")
            arguments.merge(condition.arguments.mapValues { $0 }) { _, new in new }
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY \(recordedOrder && query.scanID != nil ? "o.findingId" : ordering)"
        if let limit = query.limit {
            sql += " LIMIT :limit"
            arguments["limit"] = max(0, limit)
            if let offset = query.offset, offset > 0, query.cursor == nil {
                sql += " OFFSET :offset"
                arguments["offset"] = offset
            }
        }
        return "SELECT \(columns.joined(separator: ", ")), f.id \(sql)"
    }

    /// How many rows the query selects, its limit, offset and cursor aside.
    func count(_ db: Database) throws -> Int {
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        var sql = "SELECT count(*) FROM finding f" + scanJoin(arguments: &arguments)
        let conditions = makeConditions(arguments: &arguments) + reviewConditions(arguments: &arguments)
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        return try Int.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0
    }

    /// The join to the asked scan's occurrence of each finding (the primary tool's, else the first
    /// tool's); empty without a scan.
    ///
    /// The primary tool's occurrence is taken as it is met: SQLite stops at the first term of an
    /// OR that holds, so only an occurrence of another tool (a finding several tools reported, or
    /// whose primary tool did not report it in that scan) looks further, where a COALESCE of two
    /// subqueries would run both searches for every row (a scan of 200,000 findings read back in
    /// 0.25-0.27 s of SQLite's time instead of 0.40).
    func scanJoin(arguments: inout [String: (any DatabaseValueConvertible)?]) -> String {
        guard let scanID = query.scanID else { return "" }
        arguments["scan"] = scanID
        return """
             JOIN occurrence o ON \(ScanKey.occurrence("o", inScan: ":scan")) AND o.findingId = f.id AND (o.toolId = f.toolId OR (
              NOT EXISTS (SELECT 1 FROM occurrence x WHERE \(ScanKey.occurrence("x", inScan: ":scan")) AND findingId = f.id AND toolId = f.toolId)
              AND o.toolId = (SELECT min(toolId) FROM occurrence x WHERE \(ScanKey.occurrence("x", inScan: ":scan")) AND findingId = f.id)))
            """
    }

    private func makeConditions(arguments: inout [String: (any DatabaseValueConvertible)?]) -> [String] {
        var conditions: [String] = []
        if let minimum = query.minimumSeverity {
            conditions.append("f.severityRank >= :minimumRank")
            arguments["minimumRank"] = minimum.rank
        }
        if let target = query.target {
            conditions.append("f.targetName = :target")
            arguments["target"] = target
        }
        if let glob = query.pathGlob {
            conditions.append("\(PathGlobFunction.name)(:glob, \(locationColumn("path")))")
            arguments["glob"] = glob
        }
        if !query.tools.isEmpty {
            let tools = Self.bind(query.tools, prefix: "tool", into: &arguments)
            conditions.append("EXISTS (SELECT 1 FROM occurrence WHERE occurrence.findingId = f.id AND occurrence.toolId IN (\(tools)))")
        }
        if !query.kinds.isEmpty {
            conditions.append("f.kind IN (\(Self.bind(query.kinds.map(\.rawValue), prefix: "kind", into: &arguments)))")
        }
        if !query.statuses.isEmpty {
            conditions.append("\(statusColumn) IN (\(Self.bind(query.statuses.map(\.rawValue), prefix: "status", into: &arguments)))")
        }
        return conditions
    }

    private func decode(_ row: Row, inflater: RawInflater) throws -> TrackedFinding {
        var reader = RowReader(row: row)
        reader.skip() // the identity, read with the finding
        let target: String = try reader.next()
        let status = try reader.nextEnum(FindingStatus.self, column: "status")
        let firstSeenScanID: String = try reader.next()
        let lastSeenScanID: String = try reader.next()
        let fixedScanID: String? = try reader.next()
        let firstSeenAt: Date = try reader.next()
        let lastSeenAt: Date = try reader.next()
        let sources = try JSONColumn.strings(reader.next(), column: "sources").sorted()
        let finding = try decodeFinding(row, at: reader.index, inflater: inflater)
        return TrackedFinding(
            finding: finding, target: target, status: status, sources: sources,
            firstSeenScanID: firstSeenScanID, lastSeenScanID: lastSeenScanID, fixedScanID: fixedScanID,
            firstSeenAt: firstSeenAt, lastSeenAt: lastSeenAt
        )
    }

    /// The finding whose descriptive columns start at `offset`: its content, the waiver, then the
    /// scan's sighting (with a scan) and the raw result, inflated by `inflater` from the row's bytes.
    private func decodeFinding(_ row: Row, at offset: Int, inflater: RawInflater) throws -> Finding {
        var finding = FindingColumns.blank
        try FindingColumns.content.read(row, at: offset, into: &finding)
        finding.identity = try row.decode(String.self, atIndex: 0)
        let waiver = try JSONColumn.suppression(row[offset + FindingColumns.content.count] as String?, column: "waiver")
        var next = offset + FindingColumns.content.count + 1
        if query.scanID != nil {
            try FindingColumns.sighting.read(row, at: next, into: &finding)
            next += FindingColumns.sighting.count
        }
        finding.raw = try row.withUnsafeData(atIndex: next) { body in try body.map(inflater.text) }
        // What the source or the tool suppressed stays as it was; a policy waiver shows where nothing else did.
        if finding.suppression == nil { finding.suppression = waiver }
        return finding
    }

    /// Adds `values` as named arguments `prefix0`, `prefix1`… and returns the placeholder list.
    static func bind(
        _ values: [String],
        prefix: String,
        into arguments: inout [String: (any DatabaseValueConvertible)?]
    ) -> String {
        var names: [String] = []
        for (index, value) in values.enumerated() {
            arguments["\(prefix)\(index)"] = value
            names.append(":\(prefix)\(index)")
        }
        return names.joined(separator: ", ")
    }
}
