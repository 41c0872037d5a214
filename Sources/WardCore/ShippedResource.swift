import Foundation

/// A file or folder Ward ships (the Semgrep rule pack, the pinned-tools file, the secret rules,
/// the policies), found the same way for each: an override from the environment, then beside the
/// executable (its SwiftPM resource bundle, then `../share/ward`, the installed layout), then the
/// source tree the binary was built from.
public struct ShippedResource: Sendable {
    /// The path below each place, such as `semgrep` or `policies`.
    public var name: String
    /// The environment variable naming the path directly, if any.
    public var overrideVariable: String?
    /// The SwiftPM resource bundle beside the executable that may hold it (`ward_WardScanners`).
    public var bundle: String?
    /// Folders of the source tree that may hold it, in order.
    public var sourceFolders: [String]
    /// Whether it may lie right beside the executable (a companion program such as `ward-server`).
    public var besideExecutable = false

    /// Describes a shipped resource.
    public init(_ name: String, overrideVariable: String? = nil, bundle: String? = nil, sourceFolders: [String]) {
        self.name = name
        self.overrideVariable = overrideVariable
        self.bundle = bundle
        self.sourceFolders = sourceFolders
    }

    /// The places looked at, in order.
    public func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var candidates: [String] = []
        if let variable = overrideVariable, let path = environment[variable], !path.isEmpty { candidates.append(path) }
        if let executable = Bundle.main.executablePath {
            let directory = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
            if besideExecutable { candidates.append(directory + "/" + name) }
            if let bundle { candidates.append(directory + "/" + bundle + ".resources/" + name) }
            candidates.append(directory + "/../share/ward/" + name)
        }
        candidates += sourceFolders.map { $0 + "/" + name }
        return candidates
    }

    /// The first candidate that `isPresent` accepts (by default: it exists), standardized.
    public func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        isPresent: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> String? {
        candidates(environment: environment).first(where: isPresent).map { ($0 as NSString).standardizingPath }
    }
}
