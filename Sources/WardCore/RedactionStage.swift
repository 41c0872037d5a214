import Foundation

/// The stage every finding passes between normalizing and everything after it: storage, the gate's
/// reports, `ward findings` and `ward check`.
///
/// For each finding it cuts the raw tool result to the lines the finding flags, then masks in its
/// title, message, rule name, path, snippet, metadata, references, suppression reason, package URL
/// and raw result every value that any tool found in the same file, every value the
/// ``SecretMatcher`` sees in any of those texts,
/// and the quoted values of a finding about a hard-coded credential. What is found in one finding
/// is masked in every finding of the same file. There is no placeholder allow-list: a value that
/// looks like an example is masked all the same. Masks are never masked again, so the stage may
/// run more than once over the same findings.
public struct RedactionStage: Sendable {
    /// Clear values the tools found, by root-relative path; kept in memory only.
    public var knownSecrets: [String: [String]]
    /// Finds secret-looking values in text; `nil` masks only known and quoted values.
    public var matcher: (any SecretMatcher)?

    /// The revision of what the stage does to a finding: a change to it (what counts as a text of a
    /// finding, how values are masked or context cut) takes the next number, so that nothing
    /// stored by the stage as it was is taken to have passed the stage as it is.
    static let revision = 1

    /// Names what the stage does: its revision and its matcher's fingerprint; `nil` without a
    /// matcher that has one. Stored with a scan (``ScanRun/redaction``), it lets a scan read back
    /// skip a second pass of the same stage (``redact(recorded:)``).
    public var fingerprint: String? {
        matcher?.fingerprint.map { "r\(Self.revision)-\($0)" }
    }

    /// Most values of one file masked in each of its findings; a file with more (a corpus of test
    /// keys) gets each finding's own values only, as masking all of them in all would be quadratic.
    static let sameFileLimit = 256

    /// Creates a stage.
    public init(knownSecrets: [String: [String]] = [:], matcher: (any SecretMatcher)? = nil) {
        self.knownSecrets = knownSecrets
        self.matcher = matcher
    }

    /// The scan with its findings and tool runs redacted, marked with the stage's fingerprint.
    /// Whatever ``ScanRun/redaction`` the scan held, every finding passes.
    public func redact(_ scan: ScanRun) -> Redacted<ScanRun> {
        var scan = scan
        let (findings, all) = redactFindings(scan.findings)
        scan.findings = findings
        scan.toolRuns = redactRuns(scan.toolRuns, values: all)
        scan.redaction = fingerprint
        return Redacted(scan)
    }

    /// A scan as a history read it back: passed as it is when the history vouched that its stored
    /// texts passed this very stage (its ``ScanRun/redaction`` is this stage's fingerprint, set
    /// by ``HistoryStore/recordedFindings(inScan:rawResults:)``), since a second pass of the same stage changes
    /// nothing; redacted as any scan otherwise (recorded before fingerprints were stored, by
    /// another version of Ward or other rules, or without a matcher).
    public func redact(recorded scan: ScanRun) -> Redacted<ScanRun> {
        if let fingerprint, scan.redaction == fingerprint { return Redacted(scan) }
        return redact(scan)
    }

    /// `scan` as a later step left `original` (the gate's waivers and overrides): a finding equal to
    /// the original's at the same position passed the stage already and is kept; every other one,
    /// and every tool run when they changed, passes it again.
    public func redact(_ scan: ScanRun, after original: Redacted<ScanRun>) -> Redacted<ScanRun> {
        guard scan.toolRuns == original.value.toolRuns else { return redact(scan) }
        let before = original.value.findings
        // Untouched, the findings are still the original's own storage: nothing to compare.
        let shared = scan.findings.withUnsafeBufferPointer { after in
            before.withUnsafeBufferPointer { $0.baseAddress == after.baseAddress && $0.count == after.count }
        }
        if shared { return Redacted(scan) }
        // Compared where they lie: reading the arrays' elements would copy every finding.
        let changed = scan.findings.withUnsafeBufferPointer { after in
            before.withUnsafeBufferPointer { before in
                after.indices.filter { !before.indices.contains($0) || after[$0] != before[$0] }
            }
        }
        guard !changed.isEmpty else { return Redacted(scan) }
        var result = scan
        let (findings, _) = redactFindings(changed.map { scan.findings[$0] })
        for (offset, index) in changed.enumerated() { result.findings[index] = findings[offset] }
        return Redacted(result)
    }

    /// Findings from the history, redacted for output.
    public func redact(_ tracked: [TrackedFinding]) -> Redacted<[TrackedFinding]> {
        let (findings, _) = redactFindings(tracked.map(\.finding))
        var result = tracked
        for index in result.indices { result[index].finding = findings[index] }
        return Redacted(result)
    }

    /// Free text a person wrote about findings (a triage reason): every value the matcher sees in
    /// it and every value a tool found is masked, so that no reason stores or shows a secret.
    public func redact(text: String) -> Redacted<String> {
        let found = (matcher?.secrets(in: [text]).first ?? []).filter(Self.maskable)
        let values = Self.longestFirst(Set(found).union(knownSecrets.values.joined()))
        return Redacted(values.isEmpty ? text : SecretRedaction.redact(text, secrets: values))
    }

    // MARK: - Findings

    /// A finding's raw result, parsed and cut to its flagged lines.
    struct Raw {
        var text: String
        var original: JSONValue
        var value: JSONValue
        var isJSON: Bool
        /// Whether ``value`` lost context lines that ``original`` has.
        var trimmed: Bool
    }

    /// Masks `values` in every text of `finding`; its raw result is redacted value by value and
    /// written again only when something in it changed.
    static func redact(_ finding: Finding, raw: Raw?, values: [String]) -> Finding {
        // The common case: nothing to mask and no context to cut leaves the finding as it came.
        if values.isEmpty && !(raw?.trimmed ?? false) { return finding }
        var finding = finding
        finding.raw = nil
        if !values.isEmpty {
            finding = SecretRedaction.redact(finding, secrets: values)
            finding.metadata = Dictionary(finding.metadata.map { (SecretRedaction.redact($0.key, secrets: values), $0.value) }) { first, _ in first }
        }
        if let raw {
            let value = values.isEmpty ? raw.value : RawContext.redacted(raw.value, with: { SecretRedaction.redact($0, secrets: values) })
            let unchanged = values.isEmpty ? !raw.trimmed : value == raw.original
            finding.raw = unchanged ? raw.text : RawContext.text(of: value, isJSON: raw.isJSON)
        }
        return finding
    }

    /// The lines a finding flags, when it names any.
    static func flaggedLines(of finding: Finding) -> ClosedRange<Int>? {
        guard let start = finding.location?.startLine else { return nil }
        return start...max(start, finding.location?.endLine ?? start)
    }

    /// Every text of a finding that could carry a secret but its raw result, as the matcher
    /// searches them (``SearchedText``).
    static func searchedText(of finding: Finding) -> SearchedText {
        var text = SearchedText(capacity: 1024)
        for part in [finding.title, finding.message, finding.ruleName, finding.location?.path, finding.location?.snippet] {
            text.add(part)
        }
        for (key, value) in finding.metadata {
            text.add(key)
            text.add(value)
        }
        for part in finding.references { text.add(part) }
        text.add(finding.suppression?.justification)
        text.add(finding.package?.purl)
        return text
    }

    // MARK: - Tool runs

    func redactRuns(_ runs: [ToolRun], values known: [String]) -> [ToolRun] {
        let texts = runs.map { run in ([run.stderrHead] + run.errors + run.skipped + run.arguments + run.inputs).joined(separator: "\n") }
        let matched = matcher?.secrets(in: texts) ?? []
        return runs.indices.map { index in
            var run = runs[index]
            let found = matched.indices.contains(index) ? matched[index].filter(Self.maskable) : []
            let values = Self.longestFirst(Set(known).union(found))
            guard !values.isEmpty else { return run }
            func clean(_ text: String) -> String { SecretRedaction.redact(text, secrets: values) }
            run.stderrHead = clean(run.stderrHead)
            run.errors = run.errors.map(clean)
            run.skipped = run.skipped.map(clean)
            run.arguments = run.arguments.map(clean)
            run.inputs = run.inputs.map(clean)
            return run
        }
    }

    // MARK: - Values

    /// Values long enough to mask and not masked already.
    static func maskable(_ value: String) -> Bool {
        value.count >= 4 && !SecretRedaction.containsMask(value)
    }

    static func longestFirst(_ values: Set<String>) -> [String] {
        values.filter(maskable).sorted { ($0.count, $0) > ($1.count, $1) }
    }
}
