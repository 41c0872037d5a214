/// The kinds of report file Ward tells apart by their content (``ReportIdentity``).
enum ReportFormat: Equatable, Sendable {
    /// A JSON document (Semgrep or Bandit JSON, SARIF, GitLab SAST, Semgrep platform exports), or
    /// anything unrecognized, which the JSON parser then rejects with its own message.
    case json
    /// An XML document (JUnit-like reports).
    case xml
    /// `bandit -f csv`.
    case banditCSV
    /// `bandit -f txt` (and the screen output).
    case banditText
    /// `bandit -f yaml`.
    case banditYAML
    /// `semgrep --text` with its box-drawing characters.
    case semgrepText
    /// `semgrep --emacs`.
    case semgrepEmacs
    /// `semgrep --vim`.
    case semgrepVim
    /// A tool's table, CLI text or CSV that Ward does not read (Trivy's table, Checkov's CLI output).
    case toolText
}
