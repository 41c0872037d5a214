import Foundation
import WardCore

extension FindingNormalizer {
    /// What normalizing one chunk's locations reads and keeps: the source files read once.
    struct LocationContext {
        var cache: SourceCache
        var relativePaths: [String: String?] = [:]
        let secrets: [Int: String]
        let neighbours: [String: [String]]
        let readSources: Bool
        let source: String
    }

    /// Makes the finding at `index` root-relative and takes its snippet from the source: returns the
    /// text that identifies it and, for a tool-masked secret recovered from the source, its keyed hash.
    func locate(_ finding: inout Finding, at index: Int, in context: inout LocationContext) throws(ScannerError) -> (String, String?) {
        var recovered: String?
        var text = ""
        if var location = finding.location {
            let reported = location.path
            // A plain relative path is its own relative form: cheaper checked than looked up.
            let memo: String? = PathResolver.isPlainRelative(reported) ? reported
                : context.relativePaths[reported] ?? { let value = paths.normalized(reported); context.relativePaths[reported] = value; return value }()
            guard let relative = memo else {
                throw ScannerError.pathOutsideRoot(path: context.source, reportedPath: location.path)
            }
            location.path = relative
            if let secret = context.secrets[index], secret.contains(where: \.isNewline) {
                // A value across lines (a private key) keeps the tool's own snippet: the file's lines are its body.
                location.snippet = location.snippet.map { SecretRedaction.redact($0, secrets: Self.masks(context.neighbours[reported], own: [secret])) }
            } else if context.readSources, let lines = flaggedLines(location, cache: &context.cache) {
                if let secret = context.secrets[index] {
                    location.snippet = SecretRedaction.redact(lines, secrets: Self.masks(context.neighbours[reported], own: [secret]))
                } else if finding.kind == .secret {
                    // The tool masked the value: the source lines hold it in clear, so they are kept only
                    // once the value under the mask is recovered, hashed and redacted from them.
                    if let values = TrivyMaskedSecret.recover(masked: location.snippet ?? "", clear: lines),
                       values.allSatisfy({ $0.count >= 4 }) {
                        location.snippet = SecretRedaction.redact(lines, secrets: values)
                        finding = SecretRedaction.redact(finding, secrets: values)
                        recovered = SecretRedaction.fingerprint(values.joined(separator: "\n"), key: secretKey)
                    }
                } else {
                    location.snippet = lines
                }
            }
            finding.location = location
            if CredentialQuotes.concerns(finding) {
                // A code finding about a hard-coded credential quotes it: mask it everywhere.
                let quoted = CredentialQuotes.values(in: [location.snippet ?? "", finding.message, finding.title].joined(separator: "\n"))
                finding = SecretRedaction.redact(finding, secrets: quoted)
                location = finding.location ?? location
            }
            // The first flagged line identifies the finding: every report format carries it.
            text = location.snippet.map(FirstLine.of) ?? ""
        }
        if text.isEmpty { text = "@" + (finding.location?.startLine.map(String.init) ?? finding.message) }
        return (text, recovered)
    }

    private func flaggedLines(_ location: SourceLocation, cache: inout SourceCache) -> String? {
        guard let start = location.startLine, start > 0, let lines = cache.lines(of: location.path, in: paths) else { return nil }
        guard start <= lines.count else { return nil }
        let end = max(start, min(location.endLine ?? start, start + 20))
        return lines[(start - 1)..<min(end, lines.count)].joined(separator: "\n")
    }
}
