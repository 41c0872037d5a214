import Foundation

/// The one directory a test process makes its temporary files in: created on first use, removed
/// when the process exits, and swept on the next run when a killed process could not remove it.
enum ScratchRoot {
    /// Every root starts with this, followed by the process id that owns it.
    private static let prefix = "ward-tests-"

    /// The root of this process, created and scheduled for removal on first use.
    static let path: String = {
        let base = NSTemporaryDirectory()
        sweep(base)
        let path = base + prefix + "\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ScratchRoot.path) }
        return path
    }()

    /// Removes the roots of test processes that are gone.
    private static func sweep(_ base: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let owner = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard let pid = Int32(owner), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: base + name)
        }
    }
}
