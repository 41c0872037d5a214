import Foundation
import WardCore

/// Reads existing report files of one tool into tool runs and normalized findings.
///
/// Any unreadable, oversized, empty, malformed or foreign report fails the whole import with a
/// ``ScannerError`` naming the file, so nothing half-read is ever stored.
public struct ReportImporter: Sendable {
    /// Largest report file accepted.
    public var maxReportBytes: Int

    /// Creates an importer.
    public init(maxReportBytes: Int = 1 << 30) {
        self.maxReportBytes = maxReportBytes
    }

    /// What an import produced.
    public struct Result: Sendable {
        /// One run per report file, or per run of a file that holds several (a SARIF log).
        public var toolRuns: [ToolRun]
        /// Normalized findings of every file.
        public var findings: [Finding]
        /// Digest of the tool id and every file's bytes, to recognize a repeated import (``ReportDigest``).
        public var digest: String
        /// Clear secret values the reports hold, by root-relative path, for the redaction stage;
        /// kept in memory only.
        public var secretValues: [String: [String]] = [:]
    }

    /// Imports `files`, written by `plugin`'s tool, resolving paths with `normalizer`: reads them
    /// (``ReportFiles``), then imports what was read.
    public func importReports(_ files: [String], plugin: any ScannerPlugin, normalizer: FindingNormalizer) throws(ScannerError) -> Result {
        let reports = try ReportFiles.read(files, plugin: plugin, root: normalizer.paths.root, limit: maxReportBytes)
        return try importReports(reports, plugin: plugin, normalizer: normalizer)
    }

    /// Imports the report files `reports` holds, written by `plugin`'s tool, resolving paths with
    /// `normalizer`; the result's digest is the one they were read with. An error about a report's
    /// content names the file, line and column. A plugin that reads no reports (the built-in
    /// detector) refuses every file.
    public func importReports(_ reports: consuming ReportFiles, plugin: any ScannerPlugin, normalizer: FindingNormalizer) throws(ScannerError) -> Result {
        guard let plugin = plugin as? any ReportImporting, plugin.id == reports.toolID else {
            throw ScannerError.unsupportedFormat(path: reports.files.first?.name ?? "-", tool: plugin.id)
        }
        var runs: [ToolRun] = []
        var findings: [Finding] = []
        var secretValues: [String: [String]] = [:]
        let digest = reports.digest
        // Each file's bytes are let go once decoded, before the next is: one file held at a time.
        var pending: [ReportFiles.File] = reports.files.reversed()
        reports.files = []
        while let name = pending.last?.name {
            let started = ContinuousClock.now
            // The file's bytes go with the call: unmapped once decoded, before its findings are normalized.
            var decodedRuns = try decodedRuns(of: pending.removeLast(), with: plugin)
            for index in decodedRuns.indices {
                let decoded = decodedRuns[index]
                // Each run's decoded findings are let go once normalized: one copy at a time.
                decodedRuns[index].findings = []
                secretValues.merge(normalizer.secretValuesByPath(decoded), uniquingKeysWith: +)
                let (family, toolVersion, errors, skipped) = (decoded.family ?? plugin.id, decoded.toolVersion, decoded.toolErrors, decoded.skipped)
                var normalized = try normalizer.normalize(consume decoded, family: family, source: name)
                for position in normalized.indices where normalized[position].toolVersion == nil {
                    normalized[position].toolVersion = toolVersion
                }
                let count = normalized.count
                // The first run's findings become the result as they are, not a copy of them.
                if findings.isEmpty { swap(&findings, &normalized) } else { findings += normalized }
                runs.append(ToolRun(
                    toolID: plugin.id, toolVersion: toolVersion, state: .succeeded,
                    duration: POSIXProcessRunner.seconds(ContinuousClock.now - started),
                    errors: errors, inputs: [name], findingCount: count, skipped: skipped
                ))
            }
        }
        var result = Result(toolRuns: runs, findings: findings, digest: digest)
        result.secretValues = secretValues
        return result
    }

    /// The checked runs of one report file; an error about the content names its line and column.
    private func decodedRuns(of file: consuming ReportFiles.File, with plugin: any ReportImporting) throws(ScannerError) -> [DecodedReport] {
        do {
            return try plugin.decodeRuns(file.data, source: file.name).map { report throws(ScannerError) in
                try ReportChecks.checked(report, source: file.name)
            }
        } catch {
            throw error.located(in: file.data)
        }
    }
}
