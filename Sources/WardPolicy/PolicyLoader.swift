import Foundation
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
        let root = try ConfigNode.mapping(try YAMLLoader.compose(text: try YAMLLoader.text(atPath: path), path: path),
                                          path: path, expected: "a mapping of policy keys")
        var policy = try parser.policy(root)
        if let node = try root.fields(allowed: PolicyParser.keys)["suppressions-file"] {
            let file = try containedFile(node, policyPath: path)
            policy.suppressions = (policy.suppressions ?? []) + (try waivers(at: file, parser: parser))
        }
        if let suppressionsFile {
            policy.suppressions = (policy.suppressions ?? []) + (try waivers(at: suppressionsFile, parser: parser))
        }
        return policy
    }

    private static func waivers(at path: String, parser: PolicyParser) throws(PolicyError) -> [PolicySuppression] {
        try parser.suppressionsFile(try YAMLLoader.compose(text: try YAMLLoader.text(atPath: path), path: path), path: path)
    }

    /// The real path of the policy's `suppressions-file`: relative to the policy's folder, and
    /// inside it once `..` and symbolic links are resolved.
    static func containedFile(_ node: ConfigNode, policyPath: String) throws(PolicyError) -> String {
        let name = try node.string(nonEmpty: true)
        let policy = policyPath.hasPrefix("/") ? policyPath : FileManager.default.currentDirectoryPath + "/" + policyPath
        let folder = (policy as NSString).deletingLastPathComponent
        let outside = PolicyError.outsideFolder(path: node.file, line: node.line, column: node.column, keyPath: node.keyPath, file: name)
        let joined = name.hasPrefix("/") ? name : folder + "/" + name
        guard isInside((joined as NSString).standardizingPath, (folder as NSString).standardizingPath) else { throw outside }
        guard let realFolder = realPath(folder), let real = realPath(joined) else {
            throw PolicyError.unreadableReference(path: node.file, line: node.line, column: node.column, keyPath: node.keyPath, file: name,
                                                  reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
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
        ShippedResource("policies", overrideVariable: "WARD_POLICY_DIR", sourceFolders: [(#filePath as NSString).deletingLastPathComponent + "/../.."])
            .locate(environment: environment) { FileManager.default.fileExists(atPath: $0 + "/default.yml") }
    }
}
