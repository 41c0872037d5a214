import Foundation
import WardCore

/// One self-contained HTML page for people: the scan's summary, the verdict, and every finding
/// grouped by severity, with filters by severity, tool and text.
///
/// Nothing is loaded from anywhere (inline style and script, no fonts, images or links to
/// resources), so the file works from `file://` and as a CI artifact. A Content-Security-Policy
/// allows only the page's own script and style, by hash (``HTMLAssets``). Without JavaScript every
/// finding is shown and the filters stay hidden. Text from scanned repositories goes through
/// ``HTMLText`` only; the findings are the redacted ones every reporter gets.
public struct HTMLReporter: Reporter {
    public static let id = "html"
    public static let fileExtension = "html"

    // MARK: - Reporter Conformance

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        let scan = redacted.value
        var lines = head(scan, gate: gate)
        lines += ["<body>"] + banner(scan, gate: gate) + ["<main>"]
        lines += HTMLSummary(scan: scan, gate: gate).lines
        lines += HTMLGate(scan: scan, gate: gate).lines
        lines += HTMLFindings(scan: scan, gate: gate).lines
        lines += ["</main>", "<footer class=\"page\">", "<p>Written by Ward \(HTMLText.escape(scan.wardVersion)).</p>", "</footer>"]
        lines += ["<script>\(HTMLAssets.script)</script>", "</body>", "</html>"]
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    // MARK: - Private

    private static func head(_ scan: ScanRun, gate: GateResult) -> [String] {
        [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLAssets.contentSecurityPolicy)\">",
            "<meta name=\"referrer\" content=\"no-referrer\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"color-scheme\" content=\"light dark\">",
            "<title>Ward: \(gate.outcome.rawValue.uppercased()) · \(HTMLText.escape(scan.target.name))</title>",
            "<style>\(HTMLAssets.style)</style>",
            "</head>",
        ]
    }

    private static func banner(_ scan: ScanRun, gate: GateResult) -> [String] {
        let outcome = gate.outcome.rawValue
        let active = scan.findings.filter(\.isActive).count
        let suppressed = scan.findings.count - active
        return [
            "<header class=\"page\">",
            "<h1>Ward report: <span class=\"outcome outcome-\(outcome)\">\(outcome.uppercased())</span></h1>",
            "<p>Target <strong>\(HTMLText.escape(scan.target.name))</strong>, policy <code>\(HTMLText.escape(gate.policy))</code>: "
                + "\(count(active, "active finding")), \(suppressed) suppressed.</p>",
            "</header>",
        ]
    }

    /// `1 finding`, `2 findings`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
