import Foundation

/// Keeps a duplicated flagged line's story with the original, not the copy.
///
/// A code finding's identity hashes its rule, path and flagged text with an ordinal: 0 for the
/// first hit of that rule on that text in the file (by line), 1 for the next, and so on (see
/// ``Identity/code(family:ruleID:path:flaggedText:occurrence:)``). The identity stays a pure function of
/// the report, so when a flagged line is copied above the original, the copy takes ordinal 0, the
/// original's identity, and the original reads as new; when a copy above it is deleted, the
/// original takes the copy's identity and the copy's story.
///
/// The history corrects this. Findings of one tool, rule and kind on the same normalized text in
/// the same file form a group; when a scan reports a group with a different number of findings
/// than the target has open, its open rows (at their last lines) are matched to the scan's
/// findings by nearest line, in order (a copy never swaps two findings' order), with the least
/// total distance. A matched row takes the identity of the finding it matched, so it keeps its
/// first sighting, events and triage; a finding no row matched is new (`opened`); an open row no
/// finding matched is fixed by this scan as usual. Rows that change identity get a `rekeyed`
/// event (`detail`: `from`, `path`, `reason: duplicate`). A group reported with as many findings
/// as it has open rows is left alone: the ordinals already follow the lines, so line shifts keep
/// every identity.
public struct DuplicateMatching {
    /// A row that takes another identity of its group.
    public struct Rename: Sendable {
        /// The row.
        public var rowID: Int64
        /// The identity it had.
        public var previous: String
        /// The identity it takes.
        public var identity: String
        /// The file of its group.
        public var path: String
    }

    /// A stored finding row of a group.
    private struct Row {
        var id: Int64
        var identity: String
        var isOpen: Bool
        var line: Int
    }

    /// The scan being recorded.
    public let scan: ScanRun
    /// Reads the code rows among the given finding ids (rows of other kinds, or without a line, left out).
    private let fetch: ([Int64]) throws -> [MatchableRow]

    /// Matches `scan`'s duplicated lines against the rows `fetch` reads from the history.
    public init(scan: ScanRun, rows fetch: @escaping ([Int64]) throws -> [MatchableRow]) {
        self.scan = scan
        self.fetch = fetch
    }

    /// The renames for the scan's findings at `heads` (first of each identity). `row` gives the
    /// stored row of the identity of the finding at a head and whether it is open; `unreportedOpen`
    /// are the open rows of the target whose identity the scan does not report.
    public func renames(heads: [Int], row: (Int) -> (id: Int64, isOpen: Bool)?, unreportedOpen: [Int64]) throws -> [Rename] {
        // Nothing the target held is gone and every finding has its own open row (a re-scan of
        // unchanged code): every group has as many open rows as findings, so none is matched.
        if unreportedOpen.isEmpty, heads.allSatisfy({ row($0)?.isOpen == true }) {
            return []
        }
        // A cheap hash of each group first: only groups with several findings, or with an open row the
        // scan no longer reports, have their exact key built (equal keys have equal hashes).
        var hashed: [(head: Int, hash: Int)] = []
        var sizes: [Int: Int] = [:]
        scan.findings.withUnsafeBufferPointer { findings in
            for head in heads {
                guard let hash = Self.hash(findings[head]) else { continue }
                hashed.append((head, hash))
                sizes[hash, default: 0] += 1
            }
        }
        let unreported = try hashedRows(ids: unreportedOpen)
        let unreportedHashes = Set(unreported.map(\.hash))
        var reported: [String: [Int]] = [:]
        for (head, hash) in hashed where sizes[hash, default: 0] > 1 || unreportedHashes.contains(hash) {
            if let key = Self.key(scan.findings[head]) { reported[key, default: []].append(head) }
        }
        var stored: [String: [Row]] = [:]
        // Only a row whose hash a reported finding has can share its key.
        for (key, _, row) in unreported.filter({ sizes[$0.hash] != nil }).compactMap(Self.keyed) where reported[key] != nil {
            stored[key, default: []].append(row)
        }
        let keys = reported.filter { $0.value.count > 1 || stored[$0.key] != nil }.keys.sorted()
        guard !keys.isEmpty else { return [] }
        let known = keys.flatMap { reported[$0] ?? [] }.compactMap { row($0)?.id }
        for (key, _, row) in try hashedRows(ids: known).compactMap(Self.keyed) { stored[key, default: []].append(row) }
        var renames: [Rename] = []
        for key in keys {
            renames += assign(heads: reported[key] ?? [], rows: stored[key] ?? [])
        }
        return renames
    }

    /// The identities one group's rows take: open rows matched to the scan's findings by nearest
    /// line, the others keeping their identity when it is free, else an identity of the group no
    /// finding of the scan has (so an unmatched open row is fixed), else any free one.
    private func assign(heads: [Int], rows: [Row]) -> [Rename] {
        let open = rows.filter(\.isOpen).sorted { ($0.line, $0.id) < ($1.line, $1.id) }
        guard open.count != heads.count, let path = scan.findings[heads[0]].location?.path else { return [] }
        let findings = heads.sorted { (line(of: $0), $0) < (line(of: $1), $1) }
        let pairs = Self.nearestInOrder(open.map(\.line), findings.map(line(of:)))
        var taken: [Int64: String] = [:]
        for (rowIndex, findingIndex) in pairs {
            taken[open[rowIndex].id] = scan.findings[findings[findingIndex]].identity
        }
        let reportedIdentities = Set(heads.map { scan.findings[$0].identity })
        var free = Set(rows.map(\.identity)).union(reportedIdentities).subtracting(taken.values)
        for row in rows where taken[row.id] == nil && free.contains(row.identity) && !(row.isOpen && reportedIdentities.contains(row.identity)) {
            taken[row.id] = row.identity
            free.remove(row.identity)
        }
        for row in rows.sorted(by: { $0.id < $1.id }) where taken[row.id] == nil {
            let choice = free.filter { !reportedIdentities.contains($0) }.min() ?? free.min() ?? row.identity
            taken[row.id] = choice
            free.remove(choice)
        }
        return rows.compactMap { row in
            guard let identity = taken[row.id], identity != row.identity else { return nil }
            return Rename(rowID: row.id, previous: row.identity, identity: identity, path: path)
        }
    }

    private func line(of position: Int) -> Int { scan.findings[position].location?.startLine ?? 0 }

    /// Pairs every element of the shorter list with one of the longer, keeping both orders, with
    /// the least total line distance; returns (index in `rows`, index in `findings`) pairs.
    public static func nearestInOrder(_ rows: [Int], _ findings: [Int]) -> [(Int, Int)] {
        let swapped = rows.count > findings.count
        let short = swapped ? findings : rows
        let long = swapped ? rows : findings
        // cost[i][j]: least distance pairing the first i of `short` within the first j of `long`.
        let infinity = Int.max / 4
        var cost = Array(repeating: Array(repeating: infinity, count: long.count + 1), count: short.count + 1)
        for j in 0...long.count { cost[0][j] = 0 }
        for i in stride(from: 1, through: short.count, by: 1) {
            for j in stride(from: i, through: long.count, by: 1) {
                cost[i][j] = min(cost[i][j - 1], cost[i - 1][j - 1] + abs(short[i - 1] - long[j - 1]))
            }
        }
        var pairs: [(Int, Int)] = []
        var (i, j) = (short.count, long.count)
        while i > 0 {
            if j > i && cost[i][j] == cost[i][j - 1] {
                j -= 1
            } else {
                pairs.append(swapped ? (j - 1, i - 1) : (i - 1, j - 1))
                i -= 1
                j -= 1
            }
        }
        return pairs.reversed()
    }

    /// The code rows among `ids` that have a line and a group, with its hash.
    private func hashedRows(ids: [Int64]) throws -> [(hash: Int, stored: MatchableRow)] {
        guard !ids.isEmpty else { return [] }
        return try fetch(ids).compactMap { stored in
            guard stored.line != nil,
                  let hash = Self.hash(tool: stored.toolID, rule: stored.ruleID, kind: stored.kind, path: stored.path, snippet: stored.snippet)
            else { return nil }
            return (hash, stored)
        }
    }

    /// A hashed row with its group's key.
    private static func keyed(_ hashed: (hash: Int, stored: MatchableRow)) -> (key: String, hash: Int, row: Row)? {
        let stored = hashed.stored
        guard let key = key(tool: stored.toolID, rule: stored.ruleID, kind: stored.kind, path: stored.path, snippet: stored.snippet),
              let line = stored.line
        else { return nil }
        return (key, hashed.hash, Row(id: stored.id, identity: stored.identity, isOpen: stored.isOpen, line: line))
    }
}
