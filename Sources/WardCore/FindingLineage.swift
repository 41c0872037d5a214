import Foundation

/// Links a finding that appears under a new identity to the finding it continues, so it keeps its
/// first sighting, its events and its triage instead of reading as "fixed" and "new".
///
/// Identities stay pure functions of a finding (the same in every database); continuity lives
/// here. In a complete scan, an open finding of the target that the scan does not report (and so
/// would mark fixed) continues a finding the scan reports for the first time when both are the
/// same tool, rule and kind on the same normalized flagged text (or package and advisory):
/// - at another path: a file was moved or renamed (`moved`);
/// - at the same path: the identity itself changed, as secret identities do when their key
///   changes (`rekeyed`); the candidate on the nearest line is taken. A secret whose masked text
///   differs (an older version masked it otherwise) is still linked at the same path and rule.
/// The old row takes the new identity; the event keeps the old identity and path.
public struct FindingLineage {
    /// A link from an existing row to a new identity.
    public struct Link: Sendable {
        /// The row.
        public var rowID: Int64
        /// The identity the row had.
        public var previous: String
        /// The identity it takes.
        public var identity: String
        /// `moved` or `rekeyed`.
        public var kind: FindingEvent.Kind
        /// The event's detail: the old identity (`from`) and `path`.
        public var detail: [String: String]

        /// A link.
        public init(rowID: Int64, previous: String, identity: String, kind: FindingEvent.Kind, detail: [String: String]) {
            self.rowID = rowID
            self.previous = previous
            self.identity = identity
            self.kind = kind
            self.detail = detail
        }
    }

    /// An open row that the scan does not report.
    private struct Candidate {
        var id: Int64
        var identity: String
        var path: String?
        var line: Int?
    }

    /// The scan being recorded.
    public let scan: ScanRun
    /// Calls its argument with every open finding row of the scan's target.
    private let openRows: ((MatchableRow) throws -> Void) throws -> Void

    /// Links for `scan`, reading the target's open rows through `openRows`.
    public init(scan: ScanRun, openRows: @escaping ((MatchableRow) throws -> Void) throws -> Void) {
        self.scan = scan
        self.openRows = openRows
    }

    /// The links for the findings at `newHeads` (positions in the scan, first of their identity),
    /// given the ids of every row the scan reports.
    public func links(newHeads: [Int], reportedRows: Set<Int64>) throws -> [Int: Link] {
        guard scan.isComplete, !newHeads.isEmpty else { return [:] }
        let succeeded = Set(scan.toolRuns.filter { $0.state == .succeeded }.map(\.toolID))
        // Only a row under a key some new finding has is a candidate.
        let (wantedKeys, wantedPlaces) = wanted(newHeads)
        var candidates: [String: [Candidate]] = [:]
        try openRows { row in
            guard !reportedRows.contains(row.id), succeeded.contains(row.toolID), scan.scope.covers(path: row.path) else { return }
            let candidate = Candidate(id: row.id, identity: row.identity, path: row.path, line: row.line)
            if let key = Self.keyHash(tool: row.toolID, rule: row.ruleID, kind: row.kind, snippet: row.snippet, package: row.packageName,
                                      advisory: row.advisoryID, building: wantedKeys.contains)?.key {
                candidates[key, default: []].append(candidate)
            }
            if let place = Self.secretPlace(tool: row.toolID, rule: row.ruleID, kind: row.kind, path: row.path), wantedPlaces.contains(place) {
                candidates[place, default: []].append(candidate)
            }
        }
        guard !candidates.isEmpty else { return [:] }
        var links: [Int: Link] = [:]
        var linked = Set<Int64>()
        for head in newHeads {
            let finding = scan.findings[head]
            let keys = [Self.key(tool: finding.toolID, rule: finding.ruleID, kind: finding.kind.rawValue,
                                 snippet: finding.location?.snippet, package: finding.package?.name, advisory: finding.advisory?.id),
                        Self.secretPlace(tool: finding.toolID, rule: finding.ruleID, kind: finding.kind.rawValue, path: finding.location?.path)]
            guard let key = keys.compactMap({ $0 }).first(where: { candidates[$0]?.contains { !linked.contains($0.id) } == true }),
                  var list = candidates[key]?.filter({ !linked.contains($0.id) }), !list.isEmpty else { continue }
            let index = Self.closest(in: list, to: finding.location)
            let old = list.remove(at: index)
            linked.insert(old.id)
            let samePath = old.path == finding.location?.path
            links[head] = Link(rowID: old.id, previous: old.identity, identity: finding.identity, kind: samePath ? .rekeyed : .moved,
                               detail: ["from": old.identity, "path": old.path ?? ""])
        }
        return links
    }

    /// The hashes of the keys of the findings at `heads`, and their secrets' places.
    private func wanted(_ heads: [Int]) -> (keys: Set<Int>, places: Set<String>) {
        var keys = Set<Int>()
        var places = Set<String>()
        scan.findings.withUnsafeBufferPointer { findings in
            for head in heads {
                let finding = findings[head]
                if let hashed = Self.keyHash(tool: finding.toolID, rule: finding.ruleID, kind: finding.kind.rawValue,
                                             snippet: finding.location?.snippet, package: finding.package?.name, advisory: finding.advisory?.id) {
                    keys.insert(hashed.hash)
                }
                if let place = Self.secretPlace(tool: finding.toolID, rule: finding.ruleID, kind: finding.kind.rawValue,
                                                path: finding.location?.path) {
                    places.insert(place)
                }
            }
        }
        return (keys, places)
    }

    /// What must match between a vanished finding and a new one; nil when there is too little to
    /// tell findings apart (no flagged text and no package).
    public static func key(tool: String, rule: String, kind: String, snippet: String?, package: String?, advisory: String?) -> String? {
        let text = snippet.map(Identity.collapseWhitespace) ?? ""
        let subject = package.map { "\($0)|\(advisory ?? "")" } ?? ""
        guard !text.isEmpty || !subject.isEmpty else { return nil }
        return [tool, rule, kind, text, subject].joined(separator: "\u{1F}")
    }

    /// Where a secret was found (tool, rule, path), for a secret whose flagged text does not match:
    /// its value is masked, and older versions masked it differently (only the value's start), so a
    /// secret whose identity changed with the fingerprint key is found by its place and nearest line.
    public static func secretPlace(tool: String, rule: String, kind: String, path: String?) -> String? {
        guard kind == FindingKind.secret.rawValue, let path else { return nil }
        return ["place", tool, rule, path].joined(separator: "\u{1F}")
    }

    /// The candidate at the same path and nearest line, else the first.
    private static func closest(in list: [Candidate], to location: SourceLocation?) -> Int {
        let samePath = list.indices.filter { list[$0].path == location?.path }
        guard !samePath.isEmpty else { return 0 }
        let line = location?.startLine ?? 0
        return samePath.min { abs((list[$0].line ?? 0) - line) < abs((list[$1].line ?? 0) - line) } ?? samePath[0]
    }
}
