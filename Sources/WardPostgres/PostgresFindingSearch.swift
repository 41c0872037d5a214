import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

/// Turns a ``FindingQuery`` into one SELECT over PostgreSQL's `finding`, with the meaning of the
/// SQLite history's search: with a scan id, the findings that scan saw, open as of it, with its
/// location, suppression, waiver and raw result (the primary tool's occurrence, else the first
/// tool's); without one, today's status and the latest sighting.
///
/// A keyset cursor (``FindingQuery/cursor``) reads the rows after (or before) its finding in the
/// listing's order, as on SQLite (see `PostgresFindingSearch+Keyset.swift`).
struct PostgresFindingSearch {
    /// The filter.
    var query: FindingQuery
    /// With a scan id: rows in the order the scan recorded its findings instead of the query's sort.
    var recordedOrder = false
    /// A further SQL condition on `f` (the finding), binding its values through ``parameter(_:)``,
    /// for queries the history builds on top of a filter (a diff of two scans).
    var condition: ((inout PostgresFindingSearch) -> String)?
    /// The bound values, `$1` on.
    private(set) var values = PostgresBindings()
    private var placeholders = 0

    /// A search for `query`.
    init(query: FindingQuery) {
        self.query = query
    }

    /// Runs the search.
    mutating func fetch(_ session: PostgresSession) throws -> [TrackedFinding] {
        try fetchRows(session).map(\.finding)
    }

    /// Runs the search: each finding with its row number (for a keyset cursor).
    mutating func fetchRows(_ session: PostgresSession) throws -> [(finding: TrackedFinding, row: Int64)] {
        let sql = try makeSQL()
        let inflater = try RawInflater.reading(session)
        return try session.query(sql, values).map { row in
            (try decode(row, inflater: inflater), try row.makeRandomAccess()[row.makeRandomAccess().count - 1].decode(Int64.self))
        }
    }

    var location: String { query.scanID == nil ? "f" : "o" }

    /// The location column `column` as the listing shows it: the finding's, or that scan's sighting's.
    func locationColumn(_ column: String) -> String {
        query.scanID == nil ? #"f."\#(column)""# : InheritedLocation.column(column, occurrence: "o", finding: "f")
    }

    /// Binds `value` as the next parameter; returns its placeholder.
    mutating func parameter(_ value: some PostgresDynamicTypeEncodable) -> String {
        values.append(value)
        placeholders += 1
        return "$\(placeholders)"
    }

    /// How many findings the search selects, its limit, offset and cursor aside.
    mutating func count(_ session: PostgresSession) throws -> Int {
        var unpaged = self
        unpaged.query.cursor = nil
        let (from, conditions) = try unpaged.selection()
        let sql = "SELECT count(*) FROM \(from)" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        return Int(try session.query(sql, unpaged.values).first?.decode(Int64.self) ?? 0)
    }

    private var status: String { query.scanID == nil ? "f.status" : "'open'" }
    private var waiver: String { query.showsWaivers ? "\(location).waiver" : "NULL::text" }

    /// The tables the search reads (with the asked scan's occurrence, and the cursor's finding) and its conditions.
    private mutating func selection() throws -> (from: String, conditions: [String]) {
        var from = "finding f"
        if let scanID = query.scanID {
            let scan = parameter(scanID)
            // Each finding's occurrence in the scan: the primary tool's, else the first tool's. Chosen
            // from the scan's own occurrences, so the plan starts from them (a condition on every
            // finding would be evaluated over the whole history).
            from += """
                 JOIN (SELECT DISTINCT ON (p."findingId") p.* FROM occurrence p JOIN finding pf ON pf.id = p."findingId"
                  WHERE \(ScanKey.occurrence("p", inScan: scan))
                  ORDER BY p."findingId", (p."toolId" = pf."toolId") DESC, p."toolId") o ON o."findingId" = f.id
                """
        } else {
            from += #" LEFT JOIN occurrence o ON o."scanKey" = f."lastSeenScanKey" AND o."findingId" = f.id AND o."toolId" = f."toolId""#
        }
        var conditions = try makeConditions(status: status, waiver: waiver)
        conditions += reviewConditions(status: status, waiver: waiver)
        if let condition { conditions.append("(" + condition(&self) + ")") }
        if let cursor = query.cursor {
            // The cursor's finding as this listing sees it, beside every row: none when it is not in the listing.
            from += " CROSS JOIN (SELECT \(cursorColumns) FROM \(from) WHERE f.id = \(parameter(cursor.row))) c"
            conditions.append(keysetCondition)
        }
        return (from, conditions)
    }

    /// The scans of a finding's sightings (`firstScan`, `lastScan`, `fixedScan`), joined by their
    /// keys to show their ids: the planner hashes the scan table once for a large listing where a
    /// look-up per row would probe its index three times.
    private static let sightingScans = #"""
        LEFT JOIN scan "firstScan" ON "firstScan"."key" = f."firstSeenScanKey" \#
        LEFT JOIN scan "lastScan" ON "lastScan"."key" = f."lastSeenScanKey" \#
        LEFT JOIN scan "fixedScan" ON "fixedScan"."key" = f."fixedScanKey"
        """#

    private mutating func makeSQL() throws -> String {
        let raw = query.includesRawResults ? #"(SELECT body FROM "rawResult" r WHERE r.id = o."rawId")"# : "NULL::bytea"
        let (from, conditions) = try selection()
        let sources = #"(SELECT array_agg(DISTINCT "toolId") FROM occurrence WHERE "findingId" = f.id)"#
        let locations = query.scanID == nil ? PostgresFindingColumns.list(PostgresFindingColumns.location, table: "f")
            : PostgresFindingColumns.sighting(occurrence: "o", finding: "f")
        var sql = """
            SELECT f.identity, f."targetName", \(status), "firstScan".id, "lastScan".id, \
            \(query.scanID == nil ? #""fixedScan".id"# : "NULL::text"), f."firstSeenAt", f."lastSeenAt", \(sources), \
            \(PostgresFindingColumns.list(PostgresFindingColumns.description, table: "f")), \
            \(PostgresFindingColumns.list(["suppression"], table: location)), \(locations), \(waiver), \(raw), f.id
            FROM \(from) \(Self.sightingScans)
            """
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY " + (recordedOrder && query.scanID != nil ? #"o."findingId""# : ordering)
        if let limit = query.limit {
            sql += " LIMIT \(parameter(Int64(max(0, limit))))"
            if let offset = query.offset, offset > 0, query.cursor == nil { sql += " OFFSET \(parameter(Int64(offset)))" }
        }
        return sql
    }

    private mutating func makeConditions(status: String, waiver: String) throws -> [String] {
        var conditions: [String] = []
        if let minimum = query.minimumSeverity { conditions.append("f.\"severityRank\" >= \(parameter(Int64(minimum.rank)))") }
        if let target = query.target { conditions.append("f.\"targetName\" = \(parameter(target))") }
        // Ward's glob as the regular expression that matches the same paths (a NULL path never does).
        if let glob = query.pathGlob { conditions.append("\(locationColumn("path")) ~ \(parameter(Glob.regularExpression(glob)))") }
        if !query.tools.isEmpty {
            conditions.append(#"EXISTS (SELECT 1 FROM occurrence t WHERE t."findingId" = f.id AND t."toolId" = ANY(\#(parameter(query.tools))))"#)
        }
        if !query.kinds.isEmpty { conditions.append("f.kind = ANY(\(parameter(query.kinds.map(\.rawValue))))") }
        if !query.statuses.isEmpty { conditions.append("\(status) = ANY(\(parameter(query.statuses.map(\.rawValue))))") }
        if let suppressed = query.suppressed {
            conditions.append(suppressed ? "NOT \(unsuppressed(waiver: waiver))" : unsuppressed(waiver: waiver))
        }
        return conditions
    }

    private func decode(_ row: PostgresRow, inflater: RawInflater) throws -> TrackedFinding {
        var reader = PostgresRowReader(row)
        let identity: String = try reader.next()
        let target: String = try reader.next()
        let status: FindingStatus = try PostgresFindingColumns.enumeration(reader.next(), column: "status")
        let firstSeenScanID: String = try reader.next()
        let lastSeenScanID: String = try reader.next()
        let fixedScanID: String? = try reader.next()
        let firstSeenAt: Date = try reader.next()
        let lastSeenAt: Date = try reader.next()
        let sources = (try reader.next([String]?.self) ?? []).sorted()
        var finding = try PostgresFindingColumns.readContent(&reader)
        finding.identity = identity
        let waiver = try JSONColumn.suppression(reader.next(String?.self), column: "waiver")
        // What the source or the tool suppressed stays as it was; a policy waiver shows where nothing else did.
        if finding.suppression == nil { finding.suppression = waiver }
        finding.raw = try reader.next(Data?.self).map(inflater.text)
        return TrackedFinding(
            finding: finding, target: target, status: status, sources: sources, firstSeenScanID: firstSeenScanID,
            lastSeenScanID: lastSeenScanID, fixedScanID: fixedScanID, firstSeenAt: firstSeenAt, lastSeenAt: lastSeenAt
        )
    }
}
