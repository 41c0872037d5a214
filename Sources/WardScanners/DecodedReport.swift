import Foundation
import WardCore

/// The findings a report holds, before normalization, and what else the tool said.
public struct DecodedReport: Sendable {
    /// Findings with paths as the tool wrote them, each with the secret values only the normalizer sees.
    public var findings: [DecodedFinding]
    /// The tool's version, when the report records it.
    public var toolVersion: String?
    /// Errors the tool recorded in its report (files it could not parse, rule errors).
    public var toolErrors: [String]
    /// Notes about inputs the tool skipped (e.g. dependencies it could not audit).
    public var skipped: [String]
    /// The identity family of these findings when it is not the plugin's id: each run of a SARIF log
    /// names its own tool, so two tools' results never share an identity.
    public var family: String?
    /// Whether the findings were seen in content other than the files under the scan root (the git
    /// index, a commit): the normalizer then keeps their snippets instead of reading the files.
    public var contentOutsideTree = false
    /// The root-relative paths the run read when it read only some (given files, the staged ones;
    /// empty for commits); nil when it read the whole tree. A scan fixes only findings in them.
    public var coveredPaths: [String]?

    /// Creates a decoded report of findings that carry no secret values.
    public init(findings: [Finding] = [], toolVersion: String? = nil, toolErrors: [String] = [], skipped: [String] = [], family: String? = nil) {
        self.findings = findings.map { DecodedFinding($0) }
        self.toolVersion = toolVersion
        self.toolErrors = toolErrors
        self.skipped = skipped
        self.family = family
    }

    /// Adds a finding and the secret values it carries.
    public mutating func append(_ finding: Finding, secret: String? = nil, secretDigest: String? = nil, maskedValues: [String] = []) {
        findings.append(DecodedFinding(finding, secret: secret, secretDigest: secretDigest, maskedValues: maskedValues))
    }
}

/// One finding as a report gave it, with the secret values that only the normalizer sees: it hashes
/// them into the finding's identity and redacts them from the finding and its source lines, and
/// they go no further. Reads and writes the finding's properties directly (`decoded.severity`).
@dynamicMemberLookup
public struct DecodedFinding: Sendable, Equatable {
    /// The finding.
    public var finding: Finding
    /// The clear secret value, when the report holds it.
    public var secret: String?
    /// An unkeyed digest of a secret whose value the report does not hold (detect-secrets' SHA-1):
    /// hashed again with the per-database key as the identity input when no clear value is given.
    public var secretDigest: String?
    /// Further values to mask: parts of a credential the tool reports beside the secret
    /// (TruffleHog's `RawV2` pairs a key id with its key), redacted but not identifying the finding.
    public var maskedValues: [String]

    /// Creates a decoded finding.
    public init(_ finding: Finding, secret: String? = nil, secretDigest: String? = nil, maskedValues: [String] = []) {
        self.finding = finding
        self.secret = secret.flatMap { $0.isEmpty ? nil : $0 }
        self.secretDigest = secretDigest.flatMap { $0.isEmpty ? nil : $0 }
        self.maskedValues = maskedValues
    }

    /// A property of the finding.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<Finding, Value>) -> Value {
        get { finding[keyPath: keyPath] }
        set { finding[keyPath: keyPath] = newValue }
    }
}
