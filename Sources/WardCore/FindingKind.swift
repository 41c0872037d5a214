import Foundation

/// What sort of weakness a finding describes; decides how its identity is built.
public enum FindingKind: String, Codable, Sendable, CaseIterable {
    /// A weakness in source code (Bandit, Semgrep).
    case sast
    /// A credential or key committed to the tree.
    case secret
    /// A vulnerable third-party package declared in a manifest or lock file.
    case dependency
    /// A vulnerable package inside a container image.
    case container
    /// A misconfiguration in infrastructure as code (Terraform, Kubernetes, Dockerfile).
    case iac
    /// A license that a policy may forbid.
    case license
}
