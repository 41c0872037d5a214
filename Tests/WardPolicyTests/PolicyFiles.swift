import Foundation
import TestSupport
import WardPolicy

/// Policy files written for a test, and the tool ids a policy may name here (the scanner registry's,
/// which the command line passes; this module does not see the registry).
enum PolicyFiles {
    static let tools: Set<String> = [
        "bandit", "semgrep", "trivy", "trivy-config", "trivy-image", "trivy-rootfs", "checkov", "safety", "pip-audit", "sarif",
        "gitleaks", "trufflehog", "detect-secrets", "secrets", "dependabot",
    ]
    static let environment = ["WARD_POLICY_DIR": Fixtures.repository + "/policies"]

    /// Writes `text` as `policy.yml` in a new folder and loads it.
    static func load(_ text: String, suppressionsFile: String? = nil) throws -> Policy {
        try PolicyLoader.load(try Fixtures.write(text, named: "policy.yml"), knownTools: tools, suppressionsFile: suppressionsFile,
                              environment: environment)
    }

    /// The error loading `path` gives, as its one line with the folder left out; `nil` when it loads.
    static func error(loading path: String, suppressionsFile: String? = nil) -> String? {
        do {
            _ = try PolicyLoader.load(path, knownTools: tools, suppressionsFile: suppressionsFile, environment: environment)
            return nil
        } catch {
            let folder = (path as NSString).deletingLastPathComponent + "/"
            return error.description.replacingOccurrences(of: folder, with: "")
        }
    }
}
