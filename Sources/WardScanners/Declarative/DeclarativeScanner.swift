import Foundation
import WardCore

/// A scanner plugin defined at run time by a ``DeclarativeScannerSpec``: its id, summary and
/// executable are the spec's, not the type's.
///
/// Severity: SARIF reports follow ``SARIFLogReader`` (`security-severity`, then a `severity`
/// property, then `level`); JSON reports read the mapped severity field as critical, high,
/// medium (`moderate`, `warning`), low, info (`note`), `error` as high; a missing or unknown
/// value gets the spec's `default-severity`.
public struct DeclarativeScanner: ToolScanner {
    /// What the plugin file declares.
    public let spec: DeclarativeScannerSpec
    /// The file it was declared in, for messages.
    public let origin: String

    /// The plugin a spec declares.
    public init(spec: DeclarativeScannerSpec, origin: String) {
        self.spec = spec
        self.origin = origin
    }

    public var id: String { spec.id }
    public var summary: String { spec.summary }
    public var executableName: String { spec.executable }
    public var versionArguments: [String] { spec.versionArguments }

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        guard !spec.arguments.isEmpty, !inventory.fileNames.isEmpty else { return false }
        guard let applies = spec.appliesTo, !(applies.extensions.isEmpty && applies.files.isEmpty) else { return true }
        return applies.extensions.contains { inventory.extensions[$0, default: 0] > 0 }
            || applies.files.contains { inventory.fileNames[$0, default: 0] > 0 }
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        var arguments: [String] = []
        for argument in spec.arguments {
            if argument == "{args}" {
                arguments += context.extraArguments
                continue
            }
            arguments.append(argument.replacingOccurrences(of: "{report}", with: context.reportPath)
                .replacingOccurrences(of: "{target}", with: target.root))
        }
        return ToolRunPlan(
            arguments: arguments,
            workingDirectory: target.root,
            report: spec.output.report == .file ? .file(context.reportPath) : .standardOutput,
            acceptedExitStatuses: Set(spec.exitCodes)
        )
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let report = try ReportJSON.open(SARIFLogReader.withoutByteOrderMark(data), source: source)
        switch spec.output.format {
        case .sarif:
            guard SARIFLogReader.isLog(report.header) else {
                throw ScannerError.malformedReport(path: source, reason: "\(spec.id) declares SARIF output, but this is not a SARIF log")
            }
            return try SARIFLogReader(toolID: spec.id, reading: .declared(spec.kind)).decodeMerged(report, source: source)
        case .json:
            return try DeclarativeJSONReader(spec: spec).decode(report.tree, source: source)
        }
    }
}

/// Reads a declared tool's JSON report through the spec's field mapping.
struct DeclarativeJSONReader {
    let spec: DeclarativeScannerSpec

    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        guard let fields = spec.output.fields else {
            throw ScannerError.malformedReport(path: source, reason: "\(spec.id) declares JSON output without a field mapping")
        }
        let list = Self.value(at: spec.output.results, in: document)
        guard let results = list.array ?? (list.isNull && !spec.output.results.isEmpty ? [] : nil) else {
            let place = spec.output.results.isEmpty ? "the document" : "'\(spec.output.results)'"
            throw ScannerError.malformedReport(path: source, reason: "\(spec.id) report: \(place) is not a list of results")
        }
        var report = DecodedReport(findings: [])
        let kind = spec.kind ?? .sast
        for (index, result) in results.enumerated() {
            guard let rule = Self.value(at: fields.rule, in: result).text, !rule.isEmpty else {
                throw ScannerError.malformedReport(path: source, reason: "\(spec.id) result \(index + 1) has no rule id at '\(fields.rule)'")
            }
            let message = fields.message.flatMap { Self.value(at: $0, in: result).text } ?? rule
            let rawSeverity = fields.severity.flatMap { Self.value(at: $0, in: result).text }
            let line = fields.line.flatMap { Self.value(at: $0, in: result).int }
            let location = fields.path.flatMap { Self.value(at: $0, in: result).string }.map {
                SourceLocation(path: $0, startLine: line, endLine: fields.endLine.flatMap { Self.value(at: $0, in: result).int } ?? line,
                               startColumn: fields.column.flatMap { Self.value(at: $0, in: result).int })
            }
            let secret = kind == .secret ? fields.secret.flatMap({ Self.value(at: $0, in: result).string }) : nil
            report.append(Finding(
                toolID: spec.id,
                ruleID: rule,
                title: ReportText.firstSentence(message),
                message: message,
                kind: kind,
                severity: rawSeverity.flatMap(Self.severity) ?? spec.defaultSeverity,
                rawSeverity: rawSeverity,
                location: location,
                raw: result.serialized
            ), secret: secret)
        }
        return report
    }

    /// The value at a dotted path (`a.b.0.c`; numbers index lists); the whole value for an empty path.
    static func value(at path: String, in value: JSONValue) -> JSONValue {
        var current = value
        for component in path.split(separator: ".", omittingEmptySubsequences: true) {
            if let index = Int(component), current.array != nil {
                current = current[index]
            } else {
                current = current[String(component)]
            }
        }
        return current
    }

    static func severity(_ word: String) -> Severity? {
        Severity(parsing: word) ?? SARIFLogReader.severityWord(word) ?? (word.lowercased() == "note" ? .low : nil)
    }
}
