import Foundation
import Synchronization
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
        /// Digest of the tool id and every file's bytes, to recognize a repeated import.
        public var digest: String
        /// Clear secret values the reports hold, by root-relative path, for the redaction stage;
        /// kept in memory only.
        public var secretValues: [String: [String]] = [:]
    }

    /// Imports `files`, written by `plugin`'s tool, resolving paths with `normalizer`.
    ///
    /// Each file is read through ``BoundedReader`` (`-` reads standard input); an error about a
    /// report's content names the file, line and column. A plugin that reads no reports (the
    /// built-in detector) refuses every file.
    public func importReports(_ files: [String], plugin: any ScannerPlugin, normalizer: FindingNormalizer) throws(ScannerError) -> Result {
        guard let importing = plugin as? any ReportImporting else {
            throw ScannerError.unsupportedFormat(path: files.first ?? "-", tool: plugin.id)
        }
        return try importReports(files, with: importing, normalizer: normalizer)
    }

    private func importReports(_ files: [String], with plugin: any ReportImporting, normalizer: FindingNormalizer) throws(ScannerError) -> Result {
        var runs: [ToolRun] = []
        var findings: [Finding] = []
        var secretValues: [String: [String]] = [:]
        var digest = ReportDigest.Accumulator(toolID: plugin.id, root: normalizer.paths.root)
        let reader = BoundedReader(limit: maxReportBytes)
        for file in files {
            let started = ContinuousClock.now
            var decodedRuns = try decodedRuns(of: file, with: plugin, reader: reader, digest: &digest)
            for index in decodedRuns.indices {
                let decoded = decodedRuns[index]
                // Each run's decoded findings are let go once normalized: one copy at a time.
                decodedRuns[index].findings = []
                var normalized = try normalizer.normalize(decoded, family: decoded.family ?? plugin.id, source: file)
                secretValues.merge(normalizer.secretValuesByPath(decoded), uniquingKeysWith: +)
                for position in normalized.indices where normalized[position].toolVersion == nil {
                    normalized[position].toolVersion = decoded.toolVersion
                }
                let count = normalized.count
                // The first run's findings become the result as they are, not a copy of them.
                if findings.isEmpty { swap(&findings, &normalized) } else { findings += normalized }
                runs.append(ToolRun(
                    toolID: plugin.id, toolVersion: decoded.toolVersion, state: .succeeded,
                    duration: POSIXProcessRunner.seconds(ContinuousClock.now - started),
                    errors: decoded.toolErrors, inputs: [file], findingCount: count, skipped: decoded.skipped
                ))
            }
        }
        var result = Result(toolRuns: runs, findings: findings, digest: digest.finalize())
        result.secretValues = secretValues
        return result
    }

    /// The checked runs of one report file, its bytes added to `digest`; an error about the
    /// content names its line and column. The bytes are let go on return, before normalizing.
    ///
    /// The bytes are hashed on another thread while they are parsed (the digest is then of exactly
    /// the bytes parsed): parsing starts with a checking pass over the whole document on one core.
    private func decodedRuns(of file: String, with plugin: any ReportImporting, reader: BoundedReader,
                             digest: inout ReportDigest.Accumulator) throws(ScannerError) -> [DecodedReport] {
        let data = try reader.read(file)
        let fileDigest = Mutex<[UInt8]>([])
        let hashing = DispatchGroup()
        DispatchQueue.global().async(group: hashing) { fileDigest.withLock { $0 = SHA256.digest(data: data) } }
        let runs: [DecodedReport]
        do {
            runs = try plugin.decodeRuns(data, source: file).map { report throws(ScannerError) in
                try ReportChecks.checked(report, source: file)
            }
        } catch {
            throw error.located(in: data)
        }
        hashing.wait()
        digest.add(fileDigest: fileDigest.withLock { $0 })
        return runs
    }
}
