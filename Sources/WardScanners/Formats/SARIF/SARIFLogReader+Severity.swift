import Foundation
import WardCore

extension SARIFLogReader {
    /// Severity (normalized, raw) of a result by the standard rule: a `security-severity` score,
    /// else a `severity` word in the properties, else `level`.
    static func severity(_ result: JSONValue, _ rule: JSONValue) -> (Severity, String?) {
        if let scored = scoreSeverity(result, rule) { return scored }
        for properties in [result["properties"], rule["properties"]] {
            if let word = properties["severity"].string, let severity = severityWord(word) { return (severity, word) }
        }
        let level = result["level"].string ?? rule["defaultConfiguration"]["level"].string ?? "warning"
        switch level {
        case "error": return (.high, level)
        case "warning": return (.medium, level)
        case "note": return (.low, level)
        default: return (.info, level)
        }
    }

    /// The severity of a `security-severity` score (result, then rule) in the CVSS bands, or `nil`
    /// when neither gives a score above 0 and at most 10.
    static func scoreSeverity(_ result: JSONValue, _ rule: JSONValue) -> (Severity, String?)? {
        for properties in [result["properties"], rule["properties"]] {
            let value = properties["security-severity"]
            if let score = value.double, score > 0, score <= 10 { return (Severity(cvssScore: score), value.text) }
        }
        return nil
    }

    /// A severity word tools put in their properties.
    static func severityWord(_ word: String) -> Severity? {
        switch word.lowercased() {
        case "critical": .critical
        case "high", "error": .high
        case "medium", "moderate", "warning": .medium
        case "low": .low
        case "info", "informational", "negligible", "none": .info
        default: nil
        }
    }
}
