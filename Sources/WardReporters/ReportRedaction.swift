import Foundation
import WardCore

/// A last line of defence against credentials in reports, on top of the normalizer's redaction.
///
/// Secret findings are redacted before reporters see them, but a code finding about the same
/// line (a hard-coded password rule) may still quote the value in its message or snippet. So:
/// secret findings lose their snippet; a finding on a line where a secret was found loses its
/// snippet; and a finding about hard-coded credentials (CWE-259, CWE-321, CWE-798) has every
/// quoted string in its title, message and snippet masked.
enum ReportRedaction {
    /// CWEs whose findings quote the credential they flag.
    static let credentialCWEs: Set<String> = ["CWE-259", "CWE-321", "CWE-798"]

    /// The scan with the findings made safe to print.
    static func apply(_ scan: ScanRun) -> ScanRun {
        let secretLines = Set(scan.findings.filter { $0.kind == .secret }.compactMap(lineKey))
        var scan = scan
        scan.findings = scan.findings.map { finding in
            var finding = finding
            if finding.kind == .secret || lineKey(finding).map(secretLines.contains) == true {
                finding.location?.snippet = nil
            }
            if !credentialCWEs.isDisjoint(with: CWE.normalize(all: finding.cwes)) {
                finding.title = maskQuoted(finding.title)
                finding.message = maskQuoted(finding.message)
                let snippet = finding.location?.snippet
                finding.location?.snippet = snippet.map(maskQuoted)
            }
            finding.raw = nil
            return finding
        }
        return scan
    }

    /// `text` with the inside of every '…' or "…" string of four or more characters masked.
    static func maskQuoted(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "'" || $0 == "\"" }) {
            let quote = rest[open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: quote) else { break }
            let inner = String(rest[afterOpen..<close])
            output += rest[...open] + (inner.count >= 4 ? SecretRedaction.mask(inner) : inner) + String(quote)
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    private static func lineKey(_ finding: Finding) -> String? {
        guard let location = finding.location, let line = location.startLine else { return nil }
        return "\(location.path)\u{1F}\(line)"
    }
}
