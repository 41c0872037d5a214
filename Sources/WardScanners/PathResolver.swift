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
    /// Accepts `file:` URIs on the local host (percent-decoded once), Windows separators, `./`
    /// prefixes. Refuses a NUL byte, any other URI scheme (`https://…`), a Windows drive path and a
    /// `file:` URI naming another host.
    public func relativize(_ reported: String) -> String? {
        Self.isPlainRelative(reported) ? reported : normalized(reported)
    }

    /// ``relativize(_:)`` of any path, however it is written.
    func normalized(_ reported: String) -> String? {
        guard var path = Self.localPath(reported), !path.utf8.contains(0) else { return nil }
        if path.utf8.contains(UInt8(ascii: "\\")) && !path.hasPrefix("/") { path = path.replacingOccurrences(of: "\\", with: "/") }
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

    /// Whether `path` is already what ``relativize(_:)`` makes of it: relative, ASCII, without a colon
    /// (no scheme or drive), backslash or NUL, and without an empty, `.` or `..` component. Most
    /// paths a report names are; they are checked in one pass over their bytes.
    static func isPlainRelative(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        return path.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, first != slash else { return false }
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : slash
                if byte == slash {
                    let length = index - start
                    if length == 0 || (length <= 2 && bytes[start] == dot && (length == 1 || bytes[start + 1] == dot)) { return false }
                    start = index + 1
                } else if byte >= 0x80 || byte == 0 || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: ":") {
                    return false
                }
            }
            return true
        } ?? false
    }

    /// The path a report names, with a `file:` URI turned into its percent-decoded path; `nil` for
    /// other URIs, drive paths and undecodable `file:` URIs.
    static func localPath(_ reported: String) -> String? {
        let lowered = reported.prefix(16).lowercased()
        if lowered.hasPrefix("file:") {
            var rest = reported.dropFirst("file:".count)
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let host = rest.prefix { $0 != "/" }
                guard host.isEmpty || host.lowercased() == "localhost" else { return nil }
                rest = rest.dropFirst(host.count)
            }
            guard rest.hasPrefix("/"), let decoded = String(rest).removingPercentEncoding else { return nil }
            return decoded
        }
        let head = reported.prefix(64)
        if let colon = head.firstIndex(of: ":") {
            let scheme = head[..<colon]
            let after = head[head.index(after: colon)...]
            let isScheme = scheme.first.map { $0.isASCII && $0.isLetter } == true
                && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
            // `C:\x`, `C:/x`: a Windows drive; `scheme://…`: a URI. A bare `name:tag` (an image) stays a name.
            if isScheme && scheme.count == 1 && (after.hasPrefix("\\") || after.hasPrefix("/")) { return nil }
            if isScheme && after.hasPrefix("//") { return nil }
        }
        return reported
    }

    /// The absolute path of a root-relative path, only if its real location is inside the root.
    public func containedFile(_ relative: String) -> String? {
        guard !relative.hasPrefix("/") else { return nil }
        let absolute = root + "/" + relative
        let real = (absolute as NSString).resolvingSymlinksInPath
        guard real.hasPrefix(root + "/") else { return nil }
        return real
    }

    /// ``containedFile(_:)`` with each directory's real location looked up once in `directories`
    /// (directory → its real path inside the root, or `nil` outside): a report names the same
    /// folders over and over (shared by the threads of one report). The file itself is checked with
    /// one `lstat`; a file that is a link is resolved whole, as ``containedFile(_:)`` does, so no link
    /// leads out of the root.
    ///
    /// Unlike ``containedFile(_:)``, `nil` also when there is nothing to read: a folder that does not
    /// exist (found once for all its files, as a report imported without its tree names thousands)
    /// or a file that does not.
    func containedFile(_ relative: String, directories: RealDirectories) -> String? {
        guard !relative.hasPrefix("/") else { return nil }
        let slash = relative.lastIndex(of: "/")
        let directory = slash.map { String(relative[..<$0]) } ?? ""
        let name = slash.map { String(relative[relative.index(after: $0)...]) } ?? relative
        guard !name.isEmpty, name != ".", name != ".." else { return containedFile(relative) }
        let real = directories.location(of: directory) {
            let resolved = directory.isEmpty ? root : ((root + "/" + directory) as NSString).resolvingSymlinksInPath
            guard resolved == root || resolved.hasPrefix(root + "/") else { return nil }
            var info = stat()
            return stat(resolved, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR ? resolved : nil
        }
        guard let real else { return nil }
        let candidate = real + "/" + name
        var info = stat()
        guard lstat(candidate, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFLNK ? containedFile(relative) : candidate
    }
}
