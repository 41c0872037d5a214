import Foundation
import WardCore

/// Reads a SARIF log from any producer into one decoded report per run: the one SARIF reader of
/// `--tool sarif` and of every plugin whose tool writes SARIF.
///
/// Accepts SARIF 2.1.0 and the 2.0.0 and 2.2 layouts some tools still write (`fileLocation`,
/// `tool.name`, `resources.rules`). `runs: []` and `runs: null` are logs without findings. Results
/// of kind `pass` or `notApplicable` are not findings. Suppressions with status `accepted` (or no
/// status) suppress a result; `underReview` and `rejected` ones do not.
///
/// Severity: a `security-severity` score (result, then rule) in the CVSS bands (9.0 and over
/// critical, 7.0 high, 4.0 medium, 0.1 low); else a `severity` word in the properties (critical,
/// high, medium/moderate, low, info); else `level` (result, then the rule's default): `error`
/// high, `warning` medium, `note` low, `none` info. A tool's ``SARIFDialect`` may say otherwise
/// (Trivy's severity word in the rule's tags), and does so on both paths.
struct SARIFLogReader {
    /// How the runs of a log are read.
    enum Reading: Sendable {
        /// Written by the tool of a plugin (`--tool trivy`): its dialect, findings of the plugin's family.
        case tool(SARIFDialect)
        /// Written by a declared plugin's tool: findings of this kind (guessed per result when `nil`),
        /// of the plugin's family.
        case declared(FindingKind?)
        /// Written by any producer (`--tool sarif`): each run in the dialect its tool's name picks, of
        /// that plugin's family (of the lowercased tool name for other tools), the kind guessed per result.
        case any
    }

    /// The plugin the findings belong to (`sarif`, `gitleaks`, a declarative plugin's id).
    let toolID: String
    /// How the runs are read.
    var reading: Reading = .any
    /// Whether directories named by absolute base URIs exist here (replaceable in tests).
    var directoryExists: (@Sendable (String) -> Bool)?

    /// A reader of logs written by `reading`'s tools, for the plugin `toolID`.
    init(toolID: String, reading: Reading = .any) {
        self.toolID = toolID
        self.reading = reading
    }

    /// The checked log, its results streamed, or an error naming `source` when `data` is not one.
    static func log(_ data: Data, source: String, expected: String) throws(ScannerError) -> JSONDocument {
        let document = try ReportJSON.open(Self.withoutByteOrderMark(data), source: source)
        guard isLog(document.header) else {
            let producer = ReportIdentity.producer(of: document.tree)
            if producer != "unrecognized" { throw ScannerError.wrongTool(path: source, expected: expected, found: producer) }
            throw ScannerError.malformedReport(path: source, reason: "not a SARIF log: no 'version' and 'runs'")
        }
        return document
    }

    /// Whether `document` is a SARIF log: the two members SARIF requires, a `version` string and a
    /// `runs` array.
    static func isLog(_ document: JSONValue) -> Bool {
        document["version"].string != nil && document["runs"].array != nil
    }

    /// The names of the tools of every run.
    static func toolNames(_ log: JSONValue) -> [String] {
        (log["runs"].array ?? []).map(toolName)
    }

    /// The name of a run's tool: `tool.driver.name` (`tool.name` in 2.0.0 logs).
    static func toolName(_ run: JSONValue) -> String {
        let tool = run["tool"]
        return ASCIIText.trimmingWhitespace(tool["driver"]["name"].string ?? tool["name"].string ?? tool["driver"]["fullName"].string ?? "unknown")
    }

    /// Bytes without a UTF-8 byte order mark.
    static func withoutByteOrderMark(_ data: Data) -> Data {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
    }

    /// A log of `dialect`'s tool, every run merged into one report of the plugin `toolID`.
    ///
    /// - Throws: ``ScannerError/wrongTool(path:expected:found:)`` when a run names another tool, or none.
    static func decode(toolLog log: JSONDocument, dialect: SARIFDialect, toolID: String, expected: String,
                       source: String) throws(ScannerError) -> DecodedReport {
        guard dialect.wroteEveryRun(of: log.header) else {
            throw ScannerError.wrongTool(path: source, expected: expected, found: ReportIdentity.producer(of: log.header))
        }
        return try SARIFLogReader(toolID: toolID, reading: .tool(dialect)).decodeMerged(log, source: source)
    }

    /// One decoded report per run of `log`, its results read one at a time.
    func decodeRuns(_ log: JSONDocument, source: String) throws(ScannerError) -> [DecodedReport] {
        var reports: [DecodedReport] = []
        for (index, run) in (log.header["runs"].array ?? []).enumerated() {
            let streamed = log.elements(at: [.key("runs"), .index(index), .key("results")])
            reports.append(try decodeRun(run, results: streamed, number: index + 1, source: source))
        }
        return reports
    }

    /// Every run of `log` as one report (for a tool that writes one run, or several of itself).
    func decodeMerged(_ log: JSONDocument, source: String) throws(ScannerError) -> DecodedReport {
        let runs = try decodeRuns(log, source: source)
        var merged = DecodedReport(findings: [], toolVersion: runs.first?.toolVersion)
        let families = Set(runs.map(\.family))
        merged.family = families.count == 1 ? families.first ?? nil : nil
        for run in runs {
            // The first run's findings are taken as they are, not copied: most logs have one run.
            if merged.findings.isEmpty { merged.findings = run.findings } else { merged.findings += run.findings }
            merged.toolErrors += run.toolErrors
        }
        return merged
    }

    /// One run; its results are `streamed`, or in the run itself when they were not streamed.
    private func decodeRun(_ run: JSONValue, results streamed: JSONDocument.Elements?, number: Int,
                           source: String) throws(ScannerError) -> DecodedReport {
        guard run.object != nil else { throw ScannerError.malformedReport(path: source, reason: "SARIF run \(number) is not an object") }
        let tool = Self.toolName(run)
        let (dialect, family) = dialectAndFamily(tool: tool)
        let driver = run["tool"]["driver"].isNull ? run["tool"] : run["tool"]["driver"]
        let rules = SARIFRuleTable(run: run)
        var paths = SARIFArtifactPaths(run: run)
        if let directoryExists { paths.directoryExists = directoryExists }
        guard let results = streamed ?? (run["results"].array ?? (run["results"].isNull ? [] : nil)).map(JSONDocument.Elements.init) else {
            throw ScannerError.malformedReport(path: source, reason: "SARIF run \(number): 'results' is not an array")
        }
        let version = dialect?.recordsVersion == false ? nil : driver["semanticVersion"].string ?? driver["version"].string
        var report = DecodedReport(findings: [], toolVersion: version, family: family)
        // Results are independent of each other: decoded in chunks on every core, kept in order (the array sized once).
        report.findings = try ParallelChunks.joined(count: results.count) { [paths] (chunk: Range<Int>) throws(ScannerError) -> [DecodedFinding] in
            var decoded: [DecodedFinding] = []
            decoded.reserveCapacity(chunk.count)
            var interner = TextInterner()
            for index in chunk {
                let result = results[index]
                guard result.object != nil else {
                    throw ScannerError.malformedReport(path: source, reason: "SARIF run \(number), result \(index + 1) is not an object")
                }
                if let kind = result["kind"].string, kind == "pass" || kind == "notApplicable" { continue }
                var (finding, secret) = makeFinding(result, rule: rules.rule(for: result), tool: tool, dialect: dialect, rules: rules, paths: paths)
                finding.metadata["tool"] = tool
                interner.share(&finding)
                decoded.append(DecodedFinding(finding, secret: secret))
            }
            return decoded
        }
        for invocation in run["invocations"].array ?? [] {
            for notification in (invocation["toolExecutionNotifications"].array ?? []) + (invocation["toolConfigurationNotifications"].array ?? [])
            where notification["level"].string == "error" {
                if let text = notification["message"]["text"].string { report.toolErrors.append(text) }
            }
            if invocation["executionSuccessful"].bool == false {
                report.toolErrors.append("\(tool) reported that its run did not complete successfully")
            }
        }
        return report
    }

    /// The dialect of a run of `tool` and the identity family of its findings (`nil`: the plugin's).
    private func dialectAndFamily(tool: String) -> (SARIFDialect?, String?) {
        switch reading {
        case .tool(let dialect): return (dialect, nil)
        case .declared: return (nil, nil)
        case .any:
            let dialect = SARIFDialect.named(tool)
            return (dialect, dialect?.toolID ?? tool.lowercased())
        }
    }

    private func makeFinding(_ result: JSONValue, rule entry: SARIFRule, tool: String, dialect: SARIFDialect?, rules: SARIFRuleTable,
                             paths: SARIFArtifactPaths) -> (finding: Finding, secret: String?) {
        let rule = entry.value
        let message = SARIFRuleTable.message(of: result, rule: rule)
            ?? rule["shortDescription"]["text"].string ?? rule["fullDescription"]["text"].string
        let ruleID = result["ruleId"].string ?? result["rule"]["id"].string ?? rule["id"].string
            ?? message.map { String(ReportText.firstSentence($0).prefix(120)) } ?? "unknown"
        let text = message ?? ruleID
        let kind: FindingKind
        switch reading {
        case .declared(let declared?): kind = declared
        default: kind = dialect?.kind ?? SARIFFindingKind.guess(tool: tool, rule: rule, result: result)
        }
        let (severity, rawSeverity) = dialect?.severity(result, rule) ?? Self.severity(result, rule)
        var location = Self.location(result, paths: paths)
        var secret: String?
        if kind == .secret {
            secret = SARIFFindingKind.secretValue(result)
            if secret == nil, tool.lowercased().contains("gitleaks") { secret = location?.snippet }
            if let value = secret, value.isEmpty || Self.isMasked(value) { secret = nil }
        }
        if location?.path.isEmpty == true { location = nil }
        var references = [rule["helpUri"].string, result["hostedViewerUri"].string].compactMap { $0 }
        references += rule["properties"]["references"].strings
        var finding = Finding(
            toolID: toolID,
            ruleID: ruleID,
            ruleName: rule["name"].string,
            title: ReportText.firstSentence(text),
            message: text,
            kind: kind,
            severity: severity,
            rawSeverity: rawSeverity,
            confidence: result["properties"]["confidence"].text ?? rule["properties"]["precision"].string,
            cwes: rules.cwes(rule: entry, result: result),
            location: location,
            references: references,
            fixAvailable: !(result["fixes"].array ?? []).isEmpty,
            suppression: Self.suppression(result),
            raw: result.serialized
        )
        if kind == .dependency || kind == .container,
           let (package, advisory) = SARIFFindingKind.dependency(rule: rule, result: result, ruleID: ruleID, message: text) {
            finding.package = package
            finding.advisory = advisory
            finding.fixAvailable = finding.fixAvailable || !package.fixedVersions.isEmpty
        }
        dialect?.adjust(&finding, result, rule)
        return (finding, secret)
    }

    /// The first accepted suppression of a result (status `accepted`, or none given).
    static func suppression(_ result: JSONValue) -> Suppression? {
        let accepted = (result["suppressions"].array ?? []).filter { ($0["status"].string ?? "accepted") == "accepted" }
        guard let first = accepted.first else { return nil }
        let source: Suppression.Source = first["kind"].string == "inSource" ? .inSource : .external
        return Suppression(source: source, justification: first["justification"].string)
    }

    /// Whether a tool masked the value (`*****`, `REDACTED`), so it cannot identify the secret.
    static func isMasked(_ value: String) -> Bool {
        value == "REDACTED" || value.allSatisfy { $0 == "*" } || value.contains("*****")
    }

    /// The first location's physical location.
    static func location(_ result: JSONValue, paths: SARIFArtifactPaths) -> SourceLocation? {
        let physical = result["locations"][0]["physicalLocation"]
        let artifact = physical["artifactLocation"].isNull ? physical["fileLocation"] : physical["artifactLocation"]
        guard let path = paths.path(of: artifact) ?? paths.path(of: result["analysisTarget"]) else { return nil }
        let region = physical["region"]
        let startLine = region["startLine"].int
        return SourceLocation(
            path: path,
            startLine: startLine,
            endLine: region["endLine"].int ?? startLine,
            startColumn: region["startColumn"].int,
            endColumn: region["endColumn"].int,
            snippet: region["snippet"]["text"].string
        )
    }
}
