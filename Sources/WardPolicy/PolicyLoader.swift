import Foundation
import WardConfig
import WardCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a policy by name or path and reads it with ``PolicyParser``, failing closed: anything it
/// does not understand is an error naming the file, line and column, before anything runs.
public enum PolicyLoader {
    /// Names of the policies Ward ships.
    public static let shippedNames = ["default", "strict", "pre-commit", "pull-request"]

    /// Loads `nameOrPath`: a shipped policy's name, or a path to a YAML file.
    ///
    /// - Parameters:
    ///   - knownTools: the tool ids a policy may name (the scanner registry's and declared plugins').
    ///   - suppressionsFile: a waivers file named on the command line, added to the policy's waivers;
    ///     unlike the policy's own `suppressions-file`, it may be anywhere.
    public static func load(_ nameOrPath: String, knownTools: Set<String>, suppressionsFile: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(PolicyError) -> Policy {
        let path = try resolve(nameOrPath, environment: environment)
        let parser = PolicyParser(knownTools: knownTools)
        let root = try configuration { () throws(ConfigError) in
            try ConfigNode.mapping(try document(at: path), path: path, kind: .policy, expected: "a mapping of policy keys")
        }
        var policy = try configuration { () throws(ConfigError) in try parser.policy(root) }
        var waiverFiles: [String] = []
        if let node = try configuration({ () throws(ConfigError) in try root.fields(allowed: PolicyParser.keys)["suppressions-file"] }) {
            waiverFiles.append(try containedFile(node, policyPath: path))
        }
        waiverFiles += suppressionsFile.map { [$0] } ?? []
        for file in waiverFiles {
            let waivers = try configuration { () throws(ConfigError) in try parser.suppressionsFile(try document(at: file), path: file) }
            policy.suppressions = (policy.suppressions ?? []) + waivers
        }
        return policy
    }

    /// A policy (or waivers) file's nodes; `nil` for an empty one.
    private static func document(at path: String) throws(ConfigError) -> ConfigNode? {
        try YAMLLoader.compose(text: try YAMLLoader.text(atPath: path, kind: .policy), path: path, kind: .policy)
    }

    /// What `body` returns, its error wrapped as a policy error.
    private static func configuration<Value>(_ body: () throws(ConfigError) -> Value) throws(PolicyError) -> Value {
        do { return try body() } catch { throw .configuration(error) }
    }

    /// The real path of the policy's `suppressions-file`: relative to the policy's folder, and
    /// inside it once `..` and symbolic links are resolved.
    static func containedFile(_ node: ConfigNode, policyPath: String) throws(PolicyError) -> String {
        let name = try configuration { () throws(ConfigError) in try node.string(nonEmpty: true) }
        let policy = policyPath.hasPrefix("/") ? policyPath : FileManager.default.currentDirectoryPath + "/" + policyPath
        let folder = (policy as NSString).deletingLastPathComponent
        let outside = PolicyError.outsideFolder(at: node.location, file: name)
        let joined = name.hasPrefix("/") ? name : folder + "/" + name
        guard isInside((joined as NSString).standardizingPath, (folder as NSString).standardizingPath) else { throw outside }
        guard let realFolder = realPath(folder), let real = realPath(joined) else {
            throw PolicyError.configuration(.unreadableReference(at: node.location, file: name,
                                                                 reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno))))
        }
        guard isInside(real, realFolder) else { throw outside }
        return real
    }

    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The file a name or path stands for.
    public static func resolve(_ nameOrPath: String, environment: [String: String]) throws(PolicyError) -> String {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yml") || nameOrPath.hasSuffix(".yaml") {
            guard FileManager.default.fileExists(atPath: nameOrPath) else {
                throw PolicyError.configuration(.unreadable(path: nameOrPath, kind: .policy, reason: "no such file"))
            }
            return nameOrPath
        }
        guard shippedNames.contains(nameOrPath), let directory = shippedDirectory(environment: environment) else {
            throw PolicyError.unknownPolicy(name: nameOrPath, known: shippedNames)
        }
        return directory + "/" + nameOrPath + ".yml"
    }

    /// The folder of shipped policies: `WARD_POLICY_DIR`, beside the executable, or the source tree.
    public static func shippedDirectory(environment: [String: String]) -> String? {
        ShippedResource("policies", overrideVariable: "WARD_POLICY_DIR", sourceFolders: [(#filePath as NSString).deletingLastPathComponent + "/../.."])
            .locate(environment: environment) { FileManager.default.fileExists(atPath: $0 + "/default.yml") }
    }
}
