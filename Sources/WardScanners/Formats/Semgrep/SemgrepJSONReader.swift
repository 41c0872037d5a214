import Foundation
import WardCore

/// Reads Semgrep's CLI JSON report (`--json`, every version): `results`, `errors` and `version`.
///
/// Rule ids lose the directory prefix Semgrep adds to Ward's own rules; `"requires login"`
/// placeholders are treated as absent; results silenced by `nosemgrep` (older versions'
/// `is_ignored`) are kept, suppressed.
struct SemgrepJSONReader {
    /// Decodes a report whose `results` are `results` (streamed, or the document's own); other
    /// tools' documents are refused as the wrong tool, before any result is judged.
    func decode(_ document: JSONValue, results: JSONDocument.Elements?, source: String) throws(ScannerError) -> DecodedReport {
        let refusal = ReportIdentity.refusal(of: document, expected: "Semgrep", source: source, reason: "not a Semgrep CLI report: no 'results' array")
        guard let results else { throw refusal }
        // Results decoded in chunks on every core. Another tool's result anywhere refuses the report;
        // otherwise the first invalid result in report order is the error.
        var chunks = ParallelChunks.map(count: results.count) { (chunk: Range<Int>) -> DecodedChunk in
            var decoded = DecodedChunk()
            decoded.findings.reserveCapacity(chunk.count)
            var interner = TextInterner()
            for index in chunk {
                let result = results[index]
                guard result["test_id"].isNull else { decoded.foreign = true; break }
                guard decoded.invalid == nil else { continue }
                do throws(ScannerError) {
                    try Self.checkRequired(result, at: JSONPath().key("results").index(index), source: source)
                    var decodedFinding = try finding(result, source: source)
                    interner.share(&decodedFinding)
                    decoded.findings.append(decodedFinding)
                } catch {
                    decoded.invalid = error
                }
            }
            return decoded
        }
        if chunks.contains(where: { $0.foreign }) { throw refusal }
        if let invalid = chunks.lazy.compactMap({ $0.invalid }).first { throw invalid }
        var parts = chunks.indices.map { index in
            var chunk = DecodedChunk()
            swap(&chunk, &chunks[index])
            return chunk.findings
        }
        let findings = ParallelChunks.concatenating(&parts)
        let errors = (document["errors"].array ?? []).map { error in
            let location = error["path"].string ?? error["spans"][0]["file"].string
            return [error["level"].string, error["type"].text ?? error["type"][0].string, location, error["message"].string]
                .compactMap { $0 }.joined(separator: ": ")
        }
        return DecodedReport(findings: findings, toolVersion: document["version"].string, toolErrors: errors)
    }

    /// What one chunk of results gave: its findings, its first invalid result, whether it holds another tool's.
    private struct DecodedChunk: Sendable {
        var findings: [Finding] = []
        var invalid: ScannerError?
        var foreign = false
    }

    /// Refuses a result without what every Semgrep version writes: the rule, the path, a start line
    /// of at least 1, the severity and the message.
    static func checkRequired(_ result: JSONValue, at path: JSONPath, source: String) throws(ScannerError) {
        let checks: [(JSONPath, Bool, String)] = [
            (path.key("check_id"), result["check_id"].string.map { !$0.isEmpty } ?? false, "'check_id'"),
            (path.key("path"), result["path"].string.map { !$0.isEmpty } ?? false, "'path'"),
            (path.key("start").key("line"), result["start"]["line"].int.map { $0 >= 1 } ?? false, "a 'start.line' of at least 1"),
            (path.key("extra").key("severity"), result["extra"]["severity"].string != nil, "'extra.severity'"),
            (path.key("extra").key("message"), result["extra"]["message"].string != nil, "'extra.message'"),
        ]
        for (place, isValid, what) in checks where !isValid {
            throw ScannerError.invalidValue(path: source, at: place,
                                            reason: "Semgrep result without \(what)")
        }
    }

    private func finding(_ result: JSONValue, source: String) throws(ScannerError) -> Finding {
        guard let checkID = result["check_id"].string.map(SemgrepScanner.normalizedRuleID), let path = result["path"].string else {
            throw ScannerError.malformedReport(path: source, reason: "Semgrep result without 'check_id' or 'path'")
        }
        let extra = result["extra"]
        let metadata = extra["metadata"]
        let rawSeverity = extra["severity"].string
        let message = extra["message"].string ?? checkID
        var kept: [String: String] = [:]
        for key in ["likelihood", "impact", "category", "subcategory", "owasp", "technology"] {
            let values = metadata[key].strings
            if !values.isEmpty { kept[key] = values.joined(separator: "; ") }
        }
        let lines = extra["lines"].string.flatMap { $0 == SemgrepScanner.placeholder ? nil : $0 }
        let ignored = extra["is_ignored"].bool ?? false
        return Finding(
            toolID: SemgrepScanner.id,
            ruleID: checkID,
            ruleName: SemgrepScanner.ruleName(checkID),
            title: ReportText.firstSentence(message),
            message: message,
            kind: .sast,
            severity: SemgrepScanner.severity(rawSeverity),
            rawSeverity: rawSeverity,
            confidence: metadata["confidence"].string,
            cwes: CWE.normalize(all: metadata["cwe"].strings + metadata["cwe2021-top25"].strings.filter { $0.contains("CWE") }),
            location: SourceLocation(
                path: path,
                startLine: result["start"]["line"].int,
                endLine: result["end"]["line"].int,
                startColumn: result["start"]["col"].int,
                endColumn: result["end"]["col"].int,
                snippet: lines
            ),
            references: metadata["references"].strings + metadata["source"].strings,
            fixAvailable: extra["fix"].string != nil || extra["fix_regex"].object != nil,
            metadata: kept,
            suppression: ignored ? Suppression(source: .inSource, justification: "nosemgrep") : nil,
            raw: result.serialized
        )
    }
}
