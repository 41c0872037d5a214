import Foundation
import WardCore
import Yams

/// Finds a policy by name or path, decodes it, and checks what decoding alone cannot: unknown keys
/// (a typo must not silently weaken a gate), waivers without a reason or criteria, bad dates.
public enum PolicyLoader {
    /// Names of the policies Ward ships.
    public static let shippedNames = ["default", "strict", "pre-commit", "pull-request"]

    /// Loads `nameOrPath`: a shipped policy's name, or a path to a YAML file.
    public static func load(_ nameOrPath: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PolicyError) -> Policy {
        let path = try resolve(nameOrPath, environment: environment)
        var policy = try YAMLLoader.decode(Policy.self, path: path)
        try checkKeys(path: path, allowed: policyKeys, suppressionsKey: "suppressions")
        if let file = policy.suppressionsFile {
            let resolved = file.hasPrefix("/") ? file : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(file)
            let extra = try YAMLLoader.decode(SuppressionsFile.self, path: resolved)
            try checkKeys(path: resolved, allowed: ["suppressions"], suppressionsKey: "suppressions")
            policy.suppressions = (policy.suppressions ?? []) + extra.suppressions
        }
        try validate(policy, path: path)
        return policy
    }

    /// The file a name or path stands for.
    public static func resolve(_ nameOrPath: String, environment: [String: String]) throws(PolicyError) -> String {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yml") || nameOrPath.hasSuffix(".yaml") {
            guard FileManager.default.fileExists(atPath: nameOrPath) else { throw PolicyError.unreadable(path: nameOrPath, reason: "no such file") }
            return nameOrPath
        }
        guard shippedNames.contains(nameOrPath), let directory = shippedDirectory(environment: environment) else {
            throw PolicyError.unknownPolicy(name: nameOrPath, known: shippedNames)
        }
        return directory + "/" + nameOrPath + ".yml"
    }

    /// The folder of shipped policies: `WARD_POLICY_DIR`, beside the executable, or the source tree.
    public static func shippedDirectory(environment: [String: String]) -> String? {
        var candidates: [String] = []
        if let override = environment["WARD_POLICY_DIR"], !override.isEmpty { candidates.append(override) }
        if let executable = Bundle.main.executablePath {
            let directory = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
            candidates.append(directory + "/../share/ward/policies")
        }
        candidates.append(((#filePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("../../policies"))
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/default.yml") }.map { ($0 as NSString).standardizingPath }
    }

    static let policyKeys: Set<String> = [
        "name", "description", "fail-on", "max-findings", "new-findings-only", "baseline-branch", "fix-available-only", "require-scanners",
        "severity-overrides", "suppressions", "suppressions-file", "warn-expiring-within-days", "fail-on-stale-suppressions",
    ]
    static let suppressionKeys: Set<String> = ["identity", "tool", "rule", "path", "package", "advisory", "reason", "owner", "expires"]

    private static func checkKeys(path: String, allowed: Set<String>, suppressionsKey: String) throws(PolicyError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let root = try? Yams.compose(yaml: text),
              let mapping = root.mapping else { return }
        for (key, _) in mapping {
            guard let name = key.string, !allowed.contains(name) else { continue }
            throw PolicyError.invalidValue(path: path, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1,
                                           keyPath: "", expected: "one of " + allowed.sorted().joined(separator: ", "), found: name)
        }
        for (index, item) in (mapping[suppressionsKey]?.sequence ?? []).enumerated() {
            for (key, _) in item.mapping ?? [:] {
                guard let name = key.string, !suppressionKeys.contains(name) else { continue }
                throw PolicyError.invalidValue(path: path, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1,
                                               keyPath: ".\(suppressionsKey)[\(index)]",
                                               expected: "one of " + suppressionKeys.sorted().joined(separator: ", "), found: name)
            }
        }
    }

    private static func validate(_ policy: Policy, path: String) throws(PolicyError) {
        for key in (policy.maxFindings ?? [:]).keys where Severity(parsing: key) == nil {
            throw PolicyError.invalidValue(path: path, line: 1, column: 1, keyPath: ".max-findings", expected: "a severity", found: key)
        }
        for (index, waiver) in (policy.suppressions ?? []).enumerated() {
            let keyPath = ".suppressions[\(index)]"
            if waiver.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                throw PolicyError.invalidValue(path: path, line: 1, column: 1, keyPath: keyPath + ".reason", expected: "a reason", found: "")
            }
            if waiver.label.isEmpty {
                throw PolicyError.invalidValue(path: path, line: 1, column: 1, keyPath: keyPath,
                                               expected: "at least one of identity, tool, rule, path, package, advisory", found: "none")
            }
            if waiver.expires != nil && waiver.expiryDate == nil {
                throw PolicyError.invalidValue(path: path, line: 1, column: 1, keyPath: keyPath + ".expires",
                                               expected: "a date YYYY-MM-DD", found: waiver.expires ?? "")
            }
        }
    }
}
