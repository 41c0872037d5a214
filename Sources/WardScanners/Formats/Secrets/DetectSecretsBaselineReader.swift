import Foundation
import WardCore

/// Reads a detect-secrets baseline (`detect-secrets scan` output, 1.x and 0.x layouts): `results`
/// maps each file to its potential secrets, each with `type`, `line_number`, `hashed_secret`,
/// `is_verified` and, once audited, `is_secret`.
///
/// A baseline never holds the value, only `hashed_secret`, an unsalted SHA-1 of it. That digest is
/// handed to the normalizer as the identity input (hashed again with the per-database key) and is
/// kept nowhere else: not in the message, the metadata or the raw result. Entries audited as not a
/// secret (`is_secret: false`) are kept, suppressed.
struct DetectSecretsBaselineReader {
    /// Whether `document` is a baseline: `results` is an object of lists, beside `plugins_used` or
    /// `generated_at` or a `version`.
    static func isBaseline(_ document: JSONValue) -> Bool {
        guard let results = document["results"].object else { return false }
        let marked = document["plugins_used"].array != nil || document["generated_at"].string != nil || document["version"].string != nil
        return marked && results.values.allSatisfy { $0.array != nil }
    }

    /// Decodes a parsed baseline.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        guard Self.isBaseline(document) else {
            throw ReportIdentity.refusal(of: document, expected: "detect-secrets", source: source,
                                         reason: "not a detect-secrets baseline: no 'results' object of files")
        }
        var report = DecodedReport(findings: [], toolVersion: document["version"].string)
        for (file, entries) in (document["results"].object ?? [:]).sorted(by: { $0.key < $1.key }) {
            let place = JSONPath().key("results").key(file)
            guard let list = entries.array else {
                throw ScannerError.invalidValue(path: source, at: place, reason: "detect-secrets results of a file are not a list")
            }
            for (index, entry) in list.enumerated() {
                guard let type = entry["type"].string, !type.isEmpty else {
                    throw ScannerError.invalidValue(path: source, at: place.index(index), reason: "detect-secrets entry has no 'type'")
                }
                guard let line = entry["line_number"].int, line >= 1 else {
                    throw ScannerError.invalidValue(path: source, at: place.index(index).key("line_number"),
                                                    reason: "detect-secrets entry without a 'line_number' of at least 1")
                }
                report.append(Self.finding(entry, type: type, file: entry["filename"].string ?? file), secretDigest: entry["hashed_secret"].string)
            }
        }
        return report
    }

    /// One potential secret.
    static func finding(_ entry: JSONValue, type: String, file: String) -> Finding {
        let verified = entry["is_verified"].bool == true
        let line = entry["line_number"].int
        var kept = entry.object ?? [:]
        kept["hashed_secret"] = nil
        var suppression: Suppression?
        if entry["is_secret"].bool == false {
            suppression = Suppression(source: .external, justification: "audited as not a secret in the detect-secrets baseline")
        }
        var metadata = ["verified": String(verified)]
        if let audited = entry["is_secret"].bool { metadata["audited"] = audited ? "secret" : "not a secret" }
        let severity = DetectSecretsScanner.severity(type: type, verified: verified)
        return Finding(
            toolID: DetectSecretsScanner.id,
            ruleID: type,
            title: type,
            message: "detect-secrets found a potential secret (\(type))" + (verified ? ", verified as live" : ""),
            kind: .secret,
            severity: severity,
            rawSeverity: verified ? "verified" : nil,
            location: SourceLocation(path: file, startLine: line, endLine: line),
            metadata: metadata,
            suppression: suppression,
            raw: JSONValue.object(kept).serialized
        )
    }
}
