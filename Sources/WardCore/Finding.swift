import Foundation

/// One weakness reported by one tool, normalized into Ward's model.
///
/// Scanners fill in what the tool said; the normalizer then makes the path relative to the
/// scan root, computes ``identity`` and redacts secrets. The tool's own result is kept in
/// ``raw`` so identity rules can be re-derived later.
public struct Finding: Codable, Sendable, Hashable {
    /// Registry id of the scanner that reported it (`bandit`, `semgrep`).
    public var toolID: String
    /// Version of the tool, when known.
    public var toolVersion: String?
    /// The tool's rule or check id (`B602`, `python.lang.security…`).
    public var ruleID: String
    /// A human name for the rule, when the tool has one.
    public var ruleName: String?
    /// One-line title.
    public var title: String
    /// The tool's full message.
    public var message: String
    /// What sort of weakness this is.
    public var kind: FindingKind
    /// Normalized severity.
    public var severity: Severity
    /// The tool's own severity, verbatim.
    public var rawSeverity: String?
    /// The tool's confidence or precision, verbatim.
    public var confidence: String?
    /// CWE ids in the form `CWE-89`.
    public var cwes: [String]
    /// The advisory, for dependency and container findings.
    public var advisory: Advisory?
    /// Where it was seen in this scan.
    public var location: SourceLocation?
    /// The affected package, for dependency and container findings.
    public var package: PackageReference?
    /// Links to documentation about the weakness.
    public var references: [String]
    /// Whether a fix (fixed version, autofix) is available.
    public var fixAvailable: Bool
    /// Extra metadata worth keeping (OWASP category, likelihood, impact…), string to string.
    public var metadata: [String: String]
    /// Set when the source itself suppresses the finding (`# nosec`, `# nosemgrep`).
    public var suppression: Suppression?
    /// The stable identity key; empty until normalized.
    public var identity: String
    /// The tool's raw result as compact JSON text.
    public var raw: String?
    /// Every tool that reported this finding in the scan, when several did (see ``FindingMerger``).
    public var sources: [String]

    /// Creates a finding; ``identity`` is computed later by the normalizer.
    public init(
        toolID: String,
        toolVersion: String? = nil,
        ruleID: String,
        ruleName: String? = nil,
        title: String,
        message: String,
        kind: FindingKind,
        severity: Severity,
        rawSeverity: String? = nil,
        confidence: String? = nil,
        cwes: [String] = [],
        advisory: Advisory? = nil,
        location: SourceLocation? = nil,
        package: PackageReference? = nil,
        references: [String] = [],
        fixAvailable: Bool = false,
        metadata: [String: String] = [:],
        suppression: Suppression? = nil,
        identity: String = "",
        raw: String? = nil,
        sources: [String] = []
    ) {
        self.toolID = toolID
        self.toolVersion = toolVersion
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.title = title
        self.message = message
        self.kind = kind
        self.severity = severity
        self.rawSeverity = rawSeverity
        self.confidence = confidence
        self.cwes = cwes
        self.advisory = advisory
        self.location = location
        self.package = package
        self.references = references
        self.fixAvailable = fixAvailable
        self.metadata = metadata
        self.suppression = suppression
        self.identity = identity
        self.raw = raw
        self.sources = sources
    }

    /// Whether the finding counts against a gate (it is not suppressed).
    public var isActive: Bool { suppression == nil }
}
