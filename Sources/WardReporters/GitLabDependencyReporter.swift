import Foundation
import WardCore

/// GitLab's dependency scanning report (`artifacts:reports:dependency_scanning`), with the
/// manifests in `dependency_files`.
public struct GitLabDependencyReporter: Reporter {
    public static let id = "gitlab-dependency"
    public static let fileExtension = "json"
    public static let defaultFileName = "gl-dependency-scanning-report.json"

    // MARK: - Reporter Conformance

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        let scan = redacted.value
        let report = GitLabReport(type: "dependency_scanning", kinds: [.dependency], scan: scan, gate: gate)
        return report.document(location: { finding in
            [
                "file": .string(report.path(finding)),
                "dependency": ["package": ["name": .string(finding.package?.name ?? finding.ruleID)],
                               "version": .string(finding.package?.installedVersion ?? "")],
            ]
        }, extra: [("dependency_files", dependencyFiles(report))])
    }

    // MARK: - Private

    private static func dependencyFiles(_ report: GitLabReport) -> OrderedJSON {
        var order: [String] = []
        var packages: [String: [PackageReference]] = [:]
        for finding in report.findings {
            guard let package = finding.package else { continue }
            let path = report.path(finding)
            if packages[path] == nil { order.append(path) }
            if !(packages[path]?.contains { $0.normalizedName == package.normalizedName && $0.installedVersion == package.installedVersion } ?? false) {
                packages[path, default: []].append(package)
            }
        }
        return .array(order.sorted().map { path in
            let list = (packages[path] ?? []).sorted { ($0.normalizedName, $0.installedVersion ?? "") < ($1.normalizedName, $1.installedVersion ?? "") }
            return [
                "path": .string(path),
                "package_manager": .string(packageManager(path: path, ecosystem: list.first?.ecosystem ?? "")),
                "dependencies": .array(list.map { ["package": ["name": .string($0.name)], "version": .string($0.installedVersion ?? "")] }),
            ]
        })
    }

    private static func packageManager(path: String, ecosystem: String) -> String {
        switch (path as NSString).lastPathComponent {
        case "Pipfile", "Pipfile.lock": return "pipenv"
        case "poetry.lock", "pyproject.toml": return "poetry"
        case "yarn.lock": return "yarn"
        case "pnpm-lock.yaml": return "pnpm"
        case "setup.py": return "setuptools"
        default: break
        }
        switch ecosystem.lowercased() {
        case "pypi": return "pip"
        case "npm": return "npm"
        case "maven": return "maven"
        case "go", "golang": return "go"
        case "rubygems": return "bundler"
        case "composer", "packagist": return "composer"
        case "nuget": return "nuget"
        default: return ecosystem.isEmpty ? "unknown" : ecosystem.lowercased()
        }
    }
}
