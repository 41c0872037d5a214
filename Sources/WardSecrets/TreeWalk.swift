/// What one walk of a tree found: the regular files to scan and every entry it refused to follow.
public struct TreeWalk: Sendable, Equatable {
    /// An entry the walk did not take: a symbolic link, a FIFO, a socket, a device, an unreadable directory.
    public struct Skipped: Sendable, Equatable, Hashable {
        /// Root-relative path.
        public var path: String
        /// Why: `symbolic link`, `FIFO`, `socket`, `device`, `unreadable directory`.
        public var reason: String

        /// Creates an entry.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        /// `path: reason, not scanned`.
        public var note: String { "\(path): \(reason), not scanned" }
    }

    /// Root-relative paths of the regular files, in directory order.
    public var files: [String]
    /// Entries left out because they are not regular files or directories, in directory order.
    public var skipped: [Skipped]

    /// Creates a walk result.
    public init(files: [String] = [], skipped: [Skipped] = []) {
        self.files = files
        self.skipped = skipped
    }
}
