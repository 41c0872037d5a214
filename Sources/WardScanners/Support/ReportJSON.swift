import Foundation
import WardCore

/// Parses report bytes as JSON, turning every failure into a one-line ``ScannerError``.
enum ReportJSON {
    /// The arrays streamed one element at a time instead of parsed with the rest: a SARIF log's
    /// results, Semgrep's and Bandit's `results`, Trivy's `Results` (each target with its findings),
    /// Checkov's failed checks (of one framework, or of each in a list).
    static let streamed: [[String]] = [["runs", "*", "results"], ["results"], ["Results"], ["results", "failed_checks"],
                                       ["*", "results", "failed_checks"]]

    /// The parsed document.
    static func parse(_ data: Data, source: String) throws(ScannerError) -> JSONValue {
        try refuseEmpty(data, source: source)
        do {
            return try JSONParser.parse(data)
        } catch {
            throw failure(error, source: source)
        }
    }

    /// The checked document, the large arrays of ``streamed`` left out of its header and read one
    /// element at a time (``JSONDocument``); the same errors as ``parse(_:source:)``.
    static func open(_ data: Data, source: String) throws(ScannerError) -> JSONDocument {
        try refuseEmpty(data, source: source)
        do {
            return try JSONDocument.open(data, streaming: streamed)
        } catch {
            throw failure(error, source: source)
        }
    }

    private static func refuseEmpty(_ data: Data, source: String) throws(ScannerError) {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw ScannerError.emptyReport(path: source)
        }
    }

    /// The report error for a JSON syntax error: the file, line and column, and what was wrong.
    static func failure(_ error: JSONParser.SyntaxError, source: String) -> ScannerError {
        let hint = error.reason == "unexpected end of data" || error.reason == "unterminated string"
            ? "truncated JSON (\(error.reason))" : "not valid JSON: \(error.reason)"
        return ScannerError.invalidReport(path: source, line: error.line, column: error.column, reason: hint)
    }
}
