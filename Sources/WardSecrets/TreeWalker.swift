import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ward's one walk of a scanned tree: the regular files under a root, read with `opendir`/`readdir`
/// (FileManager costs about a second per 28,000 files).
///
/// The walk never leaves the root: a symbolic link is never followed (to a file or a directory,
/// inside the tree or out of it) but listed as skipped, and so are FIFOs, sockets and devices, which
/// no scanner is ever handed (opening a FIFO blocks). Directories are opened with `O_NOFOLLOW`, and
/// one reached twice (a bind mount looping back) is skipped, so the walk always ends. Directory
/// names never worth descending into are left out. With ``honourGitignore``, `.gitignore` files at
/// every level and `.git/info/exclude` apply, except to the files git tracks (``tracked``): a file
/// added with `git add -f` is scanned although `.gitignore` matches it.
public struct TreeWalker: Sendable {
    /// Directory names skipped wherever they appear.
    public var excludedDirectories: Set<String>
    /// Whether `.gitignore` files are honoured.
    public var honourGitignore: Bool
    /// Root-relative paths of the files git tracks; always walked, ignored or not.
    public var tracked: Set<String>

    /// Creates a walker.
    public init(excludedDirectories: Set<String>, honourGitignore: Bool, tracked: Set<String> = []) {
        self.excludedDirectories = excludedDirectories
        self.honourGitignore = honourGitignore
        self.tracked = tracked
    }

    typealias Ignores = [(base: String, rules: Gitignore)]

    /// One directory waiting to be read.
    private struct Pending {
        var relative: String
        var ignores: Ignores
        /// Whether `.gitignore` excludes this directory: only tracked files below it are taken.
        var ignored: Bool
    }

    /// Root-relative paths of the regular files to scan, in directory order.
    public func files(under root: String) -> [String] {
        walk(under: root).files
    }

    /// The regular files under `root` and the entries left out.
    public func walk(under root: String) -> TreeWalk {
        var result = TreeWalk()
        var info = stat()
        // The root itself is the caller's choice and may be a link; nothing below it is followed.
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return result }
        let trackedDirectories = Self.directories(of: tracked)
        var seen = Set<[UInt64]>()
        var rootIgnores: Ignores = []
        if honourGitignore, let exclude = Self.readRegular(root + "/.git/info/exclude") {
            rootIgnores.append(("", Gitignore(exclude)))
        }
        var stack = [Pending(relative: "", ignores: rootIgnores, ignored: false)]
        while let current = stack.popLast() {
            let directory = current.relative.isEmpty ? root : root + "/" + current.relative
            guard let listing = Self.list(directory, followLink: current.relative.isEmpty, seen: &seen) else {
                if !current.relative.isEmpty { result.skipped.append(TreeWalk.Skipped(path: current.relative, reason: "unreadable or repeated directory")) }
                continue
            }
            var ignores = current.ignores
            if honourGitignore, listing.contains(where: { $0.name == ".gitignore" && $0.kind == UInt8(DT_REG) }),
               let text = Self.readRegular(directory + "/.gitignore") {
                ignores.append((current.relative, Gitignore(text)))
            }
            for (name, kind) in listing {
                let path = current.relative.isEmpty ? name : current.relative + "/" + name
                let isDirectory = kind == UInt8(DT_DIR)
                if isDirectory && excludedDirectories.contains(name) { continue }
                var ignored = current.ignored
                if !ignored, honourGitignore, Self.isIgnored(path, isDirectory: isDirectory, by: ignores) { ignored = true }
                if ignored && !(isDirectory ? trackedDirectories.contains(path) : tracked.contains(path)) { continue }
                if isDirectory {
                    stack.append(Pending(relative: path, ignores: ignores, ignored: ignored))
                } else if kind == UInt8(DT_REG) {
                    result.files.append(path)
                } else {
                    result.skipped.append(TreeWalk.Skipped(path: path, reason: Self.describe(kind)))
                }
            }
        }
        return result
    }

    /// The entries of `directory` sorted by name, with their types resolved through `lstat` when
    /// `readdir` does not say; `nil` when it cannot be opened without following a link, or was seen before.
    private static func list(_ directory: String, followLink: Bool, seen: inout Set<[UInt64]>) -> [(name: String, kind: UInt8)]? {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followLink ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, seen.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted,
              let handle = fdopendir(descriptor) else {
            close(descriptor)
            return nil
        }
        defer { closedir(handle) }
        var entries: [(name: String, kind: UInt8)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var kind = entry.pointee.d_type
            if kind == UInt8(DT_UNKNOWN) {
                var entryInfo = stat()
                guard fstatat(descriptor, name, &entryInfo, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                kind = Self.kind(of: entryInfo.st_mode)
            }
            entries.append((name, kind))
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// The text of a regular file of at most `limit` bytes, opened without following a link or
    /// blocking on a FIFO; `nil` for anything else.
    static func readRegular(_ path: String, limit: Int = 1 << 20) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            guard count > 0 else { break }
            filled += count
        }
        return String(decoding: bytes.prefix(filled), as: UTF8.self)
    }

    /// The `d_type` of a `st_mode`.
    static func kind(of mode: mode_t) -> UInt8 {
        switch mode & S_IFMT {
        case S_IFDIR: UInt8(DT_DIR)
        case S_IFREG: UInt8(DT_REG)
        case S_IFLNK: UInt8(DT_LNK)
        case S_IFIFO: UInt8(DT_FIFO)
        case S_IFSOCK: UInt8(DT_SOCK)
        case S_IFCHR: UInt8(DT_CHR)
        case S_IFBLK: UInt8(DT_BLK)
        default: UInt8(DT_UNKNOWN)
        }
    }

    static func describe(_ kind: UInt8) -> String {
        switch Int32(kind) {
        case Int32(DT_LNK): "symbolic link"
        case Int32(DT_FIFO): "FIFO"
        case Int32(DT_SOCK): "socket"
        case Int32(DT_CHR), Int32(DT_BLK): "device"
        default: "not a regular file"
        }
    }

    /// Every directory that holds one of `files`, root-relative.
    static func directories(of files: Set<String>) -> Set<String> {
        var result = Set<String>()
        for file in files {
            var parts = file.split(separator: "/").dropLast()
            while !parts.isEmpty {
                guard result.insert(parts.joined(separator: "/")).inserted else { break }
                parts = parts.dropLast()
            }
        }
        return result
    }

    /// The deepest `.gitignore` with a verdict decides; within it the last matching pattern.
    static func isIgnored(_ path: String, isDirectory: Bool, by ignores: Ignores) -> Bool {
        for (base, rules) in ignores.reversed() {
            let local: String
            if base.isEmpty {
                local = path
            } else if path.hasPrefix(base + "/") {
                local = String(path.dropFirst(base.count + 1))
            } else {
                continue
            }
            if let verdict = rules.verdict(local, isDirectory: isDirectory) { return verdict }
        }
        return false
    }
}
