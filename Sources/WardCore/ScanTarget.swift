import Foundation

/// What a scan looked at.
public struct ScanTarget: Codable, Sendable, Hashable {
    /// The history key of the target: scans of the same target are compared with each other.
    public var name: String
    /// Absolute path of the scan root on this machine; findings' paths are relative to it.
    public var root: String
    /// A container image reference to scan instead of (or besides) the tree, when given.
    public var image: String?
    /// The branch the tree was checked out from, when known; baselines can be taken from one branch.
    public var branch: String?
    /// The commit the tree was checked out at, when known.
    public var commit: String?
    /// The CI run that made the scan (a web address), when known.
    public var runURL: String?

    /// Creates a target.
    public init(name: String, root: String, image: String? = nil, branch: String? = nil, commit: String? = nil, runURL: String? = nil) {
        self.name = name
        self.root = root
        self.image = image
        self.branch = branch
        self.commit = commit
        self.runURL = runURL
    }
}
