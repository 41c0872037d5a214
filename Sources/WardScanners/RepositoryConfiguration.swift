import Foundation
import WardCore

/// The files in a scanned repository that configure a scanner, and Ward's own configuration that
/// replaces them.
///
/// Scanners look for their configuration in the tree they scan; in CI that tree is a pull request,
/// so these files are attacker-controlled: a `.bandit` can skip every `shell=True` test, a
/// `.checkov.yaml` can load Python checks from the tree (code execution), a `.trivyignore` can hide
/// secrets. Ward leaves them out of the workspace the tools run in, and passes its own
/// configuration where a tool takes one, unless the policy trusts the tool with the repository's
/// configuration (`trust-repository-config`); then each finding that configuration removes is still
/// reported, suppressed, with the file named as the reason.
public enum RepositoryConfiguration {
    /// File and directory names each tool would read from the scanned tree, by scanner id.
    public static let files: [String: Set<String>] = [
        // `.bandit` anywhere under the target (Bandit walks the targets for it); `pyproject.toml`
        // is read only with `-c`, which Ward never passes.
        "bandit": [".bandit"],
        // Semgrep 1.x honours `.semgrepignore` files at every level; `.semgrep.yml` / `.semgrep/`
        // choose rules under `--config auto`.
        "semgrep": [".semgrepignore", ".semgrep.yml", ".semgrep.yaml", ".semgrep"],
        // Checkov reads `.checkov.yaml` / `.checkov.yml` in its working directory and in `-d`.
        "checkov": [".checkov.yaml", ".checkov.yml", ".checkov.baseline"],
        "trivy": ["trivy.yaml", "trivy.yml", ".trivyignore", ".trivyignore.yaml", "trivy-secret.yaml", "trivy-policy.yaml"],
        "trivy-config": ["trivy.yaml", "trivy.yml", ".trivyignore", ".trivyignore.yaml", "trivy-policy.yaml"],
        "trivy-rootfs": ["trivy.yaml", "trivy.yml", ".trivyignore", ".trivyignore.yaml", "trivy-secret.yaml"],
        "safety": [".safety-policy.yml", ".safety-policy.yaml", "pip.conf", "pip.ini"],
        "pip-audit": ["pip.conf", "pip.ini"],
        "detect-secrets": [".secrets.baseline"],
        "gitleaks": [".gitleaks.toml", ".gitleaksignore"],
    ]

    /// Every name of ``files``: what the workspace leaves out by default.
    public static let allNames: Set<String> = files.values.reduce(into: Set<String>()) { $0.formUnion($1) }

    /// Whether a root-relative path is (or lies inside) one of `names`.
    public static func isConfiguration(_ path: String, names: Set<String> = allNames) -> Bool {
        path.split(separator: "/").contains { names.contains(String($0)) }
    }

    /// The root-relative paths among `files` that configure `tool`, sorted.
    public static func present(for tool: String, in files: [String]) -> [String] {
        guard let names = self.files[tool] else { return [] }
        return files.filter { isConfiguration($0, names: names) }.sorted()
    }

    /// Ward's own configuration files, written once into `directory`: empty ignore files and a
    /// Checkov configuration that names nothing from the tree.
    static func writeOwn(into directory: String) throws {
        let contents = [
            "semgrepignore": "# Ward: nothing ignored\n",
            "trivyignore": "# Ward: nothing ignored\n",
            "checkov.yaml": "compact: true\n",
        ]
        for (name, text) in contents {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
    }
}

extension RepositoryConfiguration {
    /// The findings of a run with the repository's configuration, plus every finding of the run with
    /// Ward's that it lacks, suppressed with the configuration files as the reason.
    static func markingRemoved(by configuration: [String], trusted: [Finding], ward: [Finding]) -> [Finding] {
        let present = Set(trusted.map(\.identity))
        let reason = "removed by " + configuration.joined(separator: ", ")
        var result = trusted
        for finding in ward where !present.contains(finding.identity) {
            var removed = finding
            removed.suppression = Suppression(source: .external, justification: reason)
            result.append(removed)
        }
        return result
    }
}
