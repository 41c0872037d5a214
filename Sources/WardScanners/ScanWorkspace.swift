import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The tree the external scanners run in: a private directory Ward builds from its one walk of the
/// target, never the target itself.
///
/// It holds the walked regular files at their root-relative paths (hard links where the file system
/// allows, copies otherwise) and nothing else: no symbolic link, FIFO or device, no `.git`, and none
/// of the scanners' repository configuration files (``RepositoryConfiguration``) unless a tool is
/// trusted with them. A tool running there cannot follow a link out of the tree, block on a FIFO,
/// or be reconfigured by the tree. Tools report paths relative to the workspace, which are the same
/// as relative to the real root; an absolute path inside the workspace is rebased onto the root
/// (``relativeToRoot(_:)``), and snippets are read from the real files.
///
/// Beside the tree, `config/` holds Ward's own configuration for the tools that take one.
struct ScanWorkspace: Sendable {
    /// The private directory holding `tree/` and `config/`.
    let scratch: ScratchDirectory
    /// The directory the tools scan (their working directory).
    var tree: String { scratch.path + "/tree" }
    /// Ward's own configuration files.
    var configuration: String { scratch.path + "/config" }
    /// Files that could be neither linked nor copied, one note each.
    private(set) var failures: [String] = []

    /// Builds a workspace of `files` (root-relative regular files of `root`), leaving out the
    /// repository configuration of every tool except the names in `keeping`.
    init(root: String, files: [String], keeping: Set<String> = []) throws(ScannerError) {
        scratch = try ScratchDirectory(prefix: "ward-workspace")
        let excluded = RepositoryConfiguration.allNames.subtracting(keeping)
        do {
            try FileManager.default.createDirectory(atPath: scratch.path + "/tree", withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: scratch.path + "/config", withIntermediateDirectories: false)
            try RepositoryConfiguration.writeOwn(into: scratch.path + "/config")
            // Semgrep applies default ignores (`tests/`, `build/`…) when no `.semgrepignore` exists.
            if !keeping.contains(".semgrepignore") {
                try Data("# Ward: nothing ignored\n".utf8).write(to: URL(fileURLWithPath: scratch.path + "/tree/.semgrepignore"))
            }
        } catch {
            scratch.remove()
            throw ScannerError.launchFailed(tool: "workspace", reason: "cannot prepare \(scratch.path): \(error.localizedDescription)")
        }
        var made = Set<String>()
        for path in files where !RepositoryConfiguration.isConfiguration(path, names: excluded) {
            guard Self.isPlain(path) else {
                failures.append("\(path): unusual path, not scanned")
                continue
            }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty, !made.contains(directory) {
                try? FileManager.default.createDirectory(atPath: tree + "/" + directory, withIntermediateDirectories: true)
                made.insert(directory)
            }
            if !Self.place(root + "/" + path, at: tree + "/" + path) { failures.append("\(path): cannot be read, not scanned") }
        }
    }

    /// Removes the workspace.
    func remove() {
        scratch.remove()
    }

    /// A root-relative path with no `.`, `..` or empty component.
    static func isPlain(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// Hard-links `source` at `destination`, else copies it; only ever a regular file, never through a link.
    static func place(_ source: String, at destination: String) -> Bool {
        if linkat(AT_FDCWD, source, AT_FDCWD, destination, 0) == 0 {
            var info = stat()
            if lstat(destination, &info) == 0, info.st_mode & S_IFMT == S_IFREG { return true }
            unlink(destination)
            return false
        }
        return copy(source, to: destination)
    }

    /// Copies a regular file without following a link or blocking on a FIFO.
    static func copy(_ source: String, to destination: String) -> Bool {
        let input = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard input >= 0 else { return false }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard output >= 0 else { return false }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == 0 { return true }
            guard count > 0 else { return false }
            let written = buffer.withUnsafeBytes { write(output, $0.baseAddress, count) }
            guard written == count else { return false }
        }
    }

    /// The bytes of a regular file of at most `limit` bytes, read without following a link or blocking on a FIFO.
    static func readRegular(_ path: String, limit: Int) -> Data? {
        let input = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard input >= 0 else { return nil }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return nil }
        var data = Data(count: Int(info.st_size))
        var filled = 0
        while filled < data.count {
            let count = data.withUnsafeMutableBytes { read(input, $0.baseAddress! + filled, $0.count - filled) }
            guard count > 0 else { break }
            filled += count
        }
        return data.prefix(filled)
    }

    /// The root-relative form of a path a tool reported inside the workspace, else the path unchanged.
    func relativeToRoot(_ reported: String) -> String {
        for base in [tree, (tree as NSString).resolvingSymlinksInPath] {
            if reported.hasPrefix(base + "/") { return String(reported.dropFirst(base.count + 1)) }
            if reported.hasPrefix("file://" + base + "/") { return String(reported.dropFirst(base.count + 8)) }
        }
        return reported
    }
}
