import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process's private directory for tool reports and output: `<root>/<random>`, mode 0700,
/// locked (`flock` on its `lock` file) for as long as the process lives and removed at exit.
///
/// The root is `run` under Ward's data directory (the command line sets it with ``use(root:)``),
/// else a per-user directory under the system's temporary directory. Before a process makes its
/// own directory it removes those of runs that were killed: every directory whose lock nobody
/// holds. A live run holds its lock, so its directory is never touched.
public final class RunDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String
    private let lock: Int32

    /// Name of the lock file inside a run directory.
    static let lockName = "lock"
    /// A directory without a lock file is a run still being set up, unless it is older than this.
    static let setupGrace: TimeInterval = 60

    private init(path: String, lock: Int32) {
        self.path = path
        self.lock = lock
    }

    /// The root, the live directory, and whether it was removed for good (the process is ending:
    /// nothing may make a new one that nobody would remove).
    private static let state = Mutex<(root: String?, active: RunDirectory?, closed: Bool)>((nil, nil, false))

    /// Makes run directories under `root` from now on (before the first is made), and removes
    /// there what killed runs left.
    public static func use(root: String) {
        state.withLock { $0.root = root }
        removeLeftovers(under: root)
    }

    /// The process's run directory, made (after removing leftovers) on first use.
    public static func active() throws(ScannerError) -> RunDirectory {
        let result: Result<RunDirectory, ScannerError> = state.withLock { state in
            if let active = state.active { return .success(active) }
            if state.closed { return .failure(ScannerError.launchFailed(tool: "ward", reason: "Ward is stopping; no new run directory")) }
            let root = state.root ?? NSTemporaryDirectory() + "/ward-\(getuid())/run"
            let made = Result { () throws(ScannerError) -> RunDirectory in try make(under: root) }
            if case .success(let directory) = made {
                state.active = directory
                atexit { RunDirectory.removeActive() }
            }
            return made
        }
        return try result.get()
    }

    /// Removes the process's run directory, if it made one (at exit, or on a termination signal).
    public static func removeActive() {
        guard let active = state.withLock({ state in defer { state.active = nil; state.closed = true }; return state.active }) else { return }
        // A tool stopping at the same moment may still add a file: try again until it is gone.
        for _ in 0..<20 where FileManager.default.fileExists(atPath: active.path) {
            try? FileManager.default.removeItem(atPath: active.path)
        }
        close(active.lock)
    }

    /// Removes the run directories under `root` whose process is gone; returns their names.
    @discardableResult
    public static func removeLeftovers(under root: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            let directory = root + "/" + name
            var info = stat()
            guard lstat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else { continue }
            let descriptor = open(directory + "/" + lockName, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            if descriptor < 0 {
                let age = Date().timeIntervalSince1970 - TimeInterval(info.st_mtim.tv_sec)
                guard errno == ENOENT, age > setupGrace else { continue }
            } else {
                defer { close(descriptor) }
                guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            }
            if (try? FileManager.default.removeItem(atPath: directory)) != nil { removed.append(name) }
        }
        return removed
    }

    /// Makes `root` (mode 0700, owned by this user, not a link), clears leftovers, then makes and locks a new directory.
    private static func make(under root: String) throws(ScannerError) -> RunDirectory {
        func failure(_ reason: String) -> ScannerError {
            ScannerError.launchFailed(tool: "ward", reason: "run directory \(root): \(reason)")
        }
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw failure("cannot be created")
        }
        var info = stat()
        guard lstat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else {
            throw failure("is not a directory of this user")
        }
        chmod(root, 0o700)
        removeLeftovers(under: root)
        var template = Array((root + "/XXXXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw failure(String(cString: strerror(errno)))
        }
        let path = String(cString: made)
        let lock = open(path + "/" + lockName, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw failure("cannot lock \(path)")
        }
        return RunDirectory(path: path, lock: lock)
    }
}
