import Foundation

/// Hard-coded credentials that code scanners quote in their messages and snippets.
///
/// Bandit's B105 says "Possible hardcoded password: 'hunter2'", Semgrep's hard-coded password
/// rules match the assignment line: such a code finding carries the credential in clear even though
/// it is not a secret-scanner finding. Its quoted values are treated as secrets and redacted. This
/// is the one list of such CWEs and the one scanner of quoted values in Ward.
public enum CredentialQuotes {
    /// CWEs of findings about credentials written into code (hard-coded password, hard-coded
    /// cryptographic key, hard-coded credentials, cleartext secrets in the environment).
    public static let credentialCWEs: Set<String> = ["CWE-259", "CWE-321", "CWE-798", "CWE-547"]

    /// Rules known to quote the credential they flag, whatever CWE they carry.
    public static let credentialRules: Set<String> = ["B105", "B106", "B107"]

    /// Whether `finding` is about a credential written into code.
    public static func concerns(_ finding: Finding) -> Bool {
        finding.kind != .secret
            && (credentialRules.contains(finding.ruleID) || !credentialCWEs.isDisjoint(with: CWE.normalize(all: finding.cwes)))
    }

    /// The quoted values of four or more characters in `text` ('…', "…" or `…`), longest first;
    /// values that already hold a mask are left out, so redacting twice changes nothing.
    public static func values(in text: String) -> [String] {
        var values: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "'" || $0 == "\"" || $0 == "`" }) {
            let quote = rest[open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: quote) else { break }
            let inner = String(rest[afterOpen..<close])
            if inner.count >= 4, !inner.contains("\n"), !SecretRedaction.containsMask(inner) { values.insert(inner) }
            rest = rest[rest.index(after: close)...]
        }
        return values.sorted { ($0.count, $0) > ($1.count, $1) }
    }
}
