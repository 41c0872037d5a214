import Foundation
import WardCore

/// Reads Checkov's JSON report: one object per framework (`check_type`, `results`, `summary`), a
/// list of them when several frameworks ran, or only the summary counts when nothing was scanned.
///
/// `results.failed_checks` are the findings; `results.skipped_checks` (checks silenced with a
/// `checkov:skip=` comment) are kept as suppressed findings; `passed_checks` are ignored and may be
/// absent (`--quiet`, `--compact`). `parsing_errors` are the tool's errors.
struct CheckovJSONReader {
    /// Whether `document` has the shape of a Checkov JSON report.
    static func isReport(_ document: JSONValue) -> Bool {
        if let reports = document.array { return !reports.isEmpty && reports.allSatisfy(isFrameworkReport) }
        return isFrameworkReport(document) || isSummary(document)
    }

    private static func isFrameworkReport(_ document: JSONValue) -> Bool {
        document["check_type"].string != nil && document["results"].object != nil
    }

    /// The counts Checkov prints when no framework found anything to scan.
    private static func isSummary(_ document: JSONValue) -> Bool {
        document["checkov_version"].string != nil && document["failed"].int != nil && document["results"].isNull
    }

    /// Decodes a report whose failed checks `failedChecks` gives for each framework report (its
    /// index in a list, nil for a single one): streamed, or the document's own.
    func decode(_ document: JSONValue, source: String,
                failedChecks: (Int?) -> JSONDocument.Elements?) throws(ScannerError) -> DecodedReport {
        if Self.isSummary(document) {
            guard document["failed"].int == 0 else {
                throw ScannerError.malformedReport(
                    path: source, reason: "Checkov summary counts \(document["failed"].int ?? 0) failed checks but lists none")
            }
            return DecodedReport(findings: [], toolVersion: document["checkov_version"].string)
        }
        var findings: [Finding] = []
        var errors: [String] = []
        var version: String?
        for (index, report) in (document.array ?? [document]).enumerated() {
            let checkType = report["check_type"].string ?? "unknown"
            let results = report["results"]
            version = version ?? report["summary"]["checkov_version"].string
            for check in failedChecks(document.array == nil ? nil : index) ?? JSONDocument.Elements([]) {
                findings.append(try finding(check, checkType: checkType, suppression: nil, source: source))
            }
            for check in results["skipped_checks"].array ?? [] {
                let comment = check["check_result"]["suppress_comment"].string
                let suppression = Suppression(source: .inSource, justification: comment.flatMap { $0.isEmpty ? nil : $0 } ?? "checkov:skip")
                findings.append(try finding(check, checkType: checkType, suppression: suppression, source: source))
            }
            for error in results["parsing_errors"].array ?? [] {
                errors.append("\(checkType): could not parse \(error.text ?? error.serialized)")
            }
        }
        return DecodedReport(findings: findings, toolVersion: version, toolErrors: errors)
    }

    private func finding(_ check: JSONValue, checkType: String, suppression: Suppression?, source: String) throws(ScannerError) -> Finding {
        guard let checkID = check["check_id"].string, let path = Self.path(of: check) else {
            throw ScannerError.malformedReport(path: source, reason: "Checkov check without 'check_id' or 'file_path'")
        }
        let name = check["check_name"].string ?? checkID
        let resource = check["resource"].string.flatMap { $0.isEmpty ? nil : $0 }
        let rawSeverity = check["severity"].string
        let lines = check["file_line_range"].array?.compactMap(\.int) ?? []
        let start = lines.first.flatMap { $0 > 0 ? $0 : nil }
        let end = lines.count > 1 ? lines[1] : start
        var metadata: [String: String] = ["checkType": checkType]
        metadata["resource"] = resource
        metadata["checkClass"] = check["check_class"].string
        metadata["bcCheckID"] = check["bc_check_id"].string
        metadata["resourceAddress"] = check["resource_address"].string
        metadata["description"] = check["description"].string ?? check["short_description"].string
        let details = check["details"].strings
        if !details.isEmpty { metadata["details"] = details.joined(separator: "\n") }
        var kind: FindingKind = checkType == "secrets" ? .secret : .iac
        var advisory: Advisory?
        var package: PackageReference?
        let vulnerability = check["vulnerability_details"]
        if let id = vulnerability["id"].string, let packageName = vulnerability["package_name"].string {
            kind = .dependency
            advisory = Advisory(id: id)
            let fixed = vulnerability["fixed_version"].text.map { [$0] } ?? []
            package = PackageReference(ecosystem: TrivyEcosystem.ofManifest(path), name: packageName,
                                       installedVersion: vulnerability["package_version"].text, fixedVersions: fixed)
        }
        return Finding(
            toolID: CheckovScanner.id,
            ruleID: checkID,
            ruleName: name,
            title: ReportText.firstSentence(name),
            message: resource.map { "\(name): \($0)" } ?? name,
            kind: kind,
            severity: CheckovScanner.severity(rawSeverity),
            rawSeverity: rawSeverity,
            advisory: advisory,
            location: SourceLocation(path: path, startLine: start, endLine: start.map { max(end ?? $0, $0) },
                                     snippet: Self.codeBlock(check["code_block"])),
            package: package,
            references: [check["guideline"].string].compactMap { $0 }.filter { $0.hasPrefix("http") },
            fixAvailable: package.map { !$0.fixedVersions.isEmpty } ?? false,
            metadata: metadata,
            suppression: suppression,
            raw: check.serialized
        )
    }

    /// The file a check is about, relative to the scanned directory where Checkov says so.
    ///
    /// Checkov writes `file_path` relative to the directory it scanned but with a leading `/`
    /// (`/main.tf`), and the real path in `file_abs_path`. A `file_path` equal to `file_abs_path` is
    /// truly absolute (`-f /abs/file`) and stays so; any other leading `/` is dropped.
    static func path(of check: JSONValue) -> String? {
        guard let path = check["file_path"].string ?? check["repo_file_path"].string, !path.isEmpty else { return nil }
        if path.hasPrefix("/"), check["file_abs_path"].string != path {
            let relative = String(path.drop { $0 == "/" })
            return relative.isEmpty ? nil : relative
        }
        return path
    }

    /// The `[[line, text], …]` code block as text.
    static func codeBlock(_ block: JSONValue) -> String? {
        let lines = (block.array ?? []).compactMap { $0[1].string }.map { line -> String in
            var line = line
            while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
            return line
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
