import Foundation

/// Turns paths as tools report them into paths relative to the scan root, refusing escapes.
public struct PathResolver: Sendable {
    /// The scan root, absolute and standardized, symlinks resolved.
    public let root: String
    /// Whether an absolute path outside the root is an error (`true`) or kept as reported (`false`).
    public let strict: Bool

    /// Creates a resolver for `root`.
    public init(root: String, strict: Bool) {
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        self.root = ((absolute as NSString).standardizingPath as NSString).resolvingSymlinksInPath
        self.strict = strict
    }

    /// The root-relative form of `reported`, or `nil` when it leaves the root.
    ///
    /// Accepts `file://` URIs (percent-decoded once), Windows separators, `./` prefixes.
    public func relativize(_ reported: String) -> String? {
        var path = reported
        if path.hasPrefix("file://") {
            path = String(path.dropFirst("file://".count))
            path = path.removingPercentEncoding ?? path
        }
        if path.contains("\0") { return nil }
        if path.contains("\\") && !path.hasPrefix("/") { path = path.replacingOccurrences(of: "\\", with: "/") }
        if path.hasPrefix("/") {
            let standardized = (path as NSString).standardizingPath
            if standardized == root { return "." }
            if standardized.hasPrefix(root + "/") { return String(standardized.dropFirst(root.count + 1)) }
            let resolved = (standardized as NSString).resolvingSymlinksInPath
            if resolved.hasPrefix(root + "/") { return String(resolved.dropFirst(root.count + 1)) }
            return strict ? nil : standardized
        }
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(component)
            }
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The absolute path of a root-relative path, only if its real location is inside the root.
    public func containedFile(_ relative: String) -> String? {
        guard !relative.hasPrefix("/") else { return nil }
        let absolute = root + "/" + relative
        let real = (absolute as NSString).resolvingSymlinksInPath
        guard real.hasPrefix(root + "/") else { return nil }
        return real
    }
}
