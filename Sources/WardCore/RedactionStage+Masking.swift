import Foundation

extension RedactionStage {
    /// What the first pass over a scan's findings found: the values to mask by path, each finding's
    /// own values (by position in the scan, only findings with some) and which raw results lose
    /// context lines. Holds values and positions, never findings.
    public struct Gathered: Sendable {
        /// The values the tools found, by path.
        let knownSecrets: [String: [String]]
        /// Every value found so far, by path, the tools' included.
        var byPath: [String: Set<String>]
        /// Each finding's own values, by position.
        var own: [Int: [String]] = [:]
        /// The positions of findings whose raw result loses context lines.
        var trimmed = Set<Int>()
        /// Findings gathered so far: the position of the next one.
        public internal(set) var count = 0

        init(knownSecrets: [String: [String]], byPath: [String: Set<String>]) {
            self.knownSecrets = knownSecrets
            self.byPath = byPath
        }
    }

    /// The second pass: masks each finding, given everything the first pass gathered over the whole
    /// scan, so that findings can be masked (and passed on) one at a time in the order gathered.
    public struct Masking: Sendable {
        private let gathered: Gathered
        private let sorted: [String: [String]]
        /// Every value masked in the scan, longest first (for its tool runs).
        public let all: [String]

        /// The masking of the findings `gathered` saw.
        public init(_ gathered: Gathered) {
            self.gathered = gathered
            sorted = gathered.byPath.mapValues(RedactionStage.longestFirst)
            all = RedactionStage.longestFirst(gathered.byPath.values.reduce(into: Set<String>()) { $0.formUnion($1) })
        }

        /// The finding gathered at `position`, redacted: every value found in its file masked (its
        /// own only, and the tools', in a file with more than ``sameFileLimit``), its raw result cut.
        public func redact(_ finding: Finding, at position: Int) -> Finding {
            let path = finding.location?.path ?? ""
            let sameFile = sorted[path] ?? []
            let values = sameFile.count <= RedactionStage.sameFileLimit ? sameFile
                : RedactionStage.longestFirst(Set(gathered.own[position] ?? []).union(gathered.knownSecrets[path] ?? []))
            guard !values.isEmpty || gathered.trimmed.contains(position) else { return finding }
            return RedactionStage.redact(finding, raw: RedactionStage.raw(of: finding), values: values)
        }
    }
}
