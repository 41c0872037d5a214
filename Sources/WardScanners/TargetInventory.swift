import Foundation
import WardSecrets

/// A quick survey of a target tree that decides which scanners apply.
public struct TargetInventory: Sendable {
    /// Lowercased file extensions seen (without the dot), with counts.
    public var extensions: [String: Int]
    /// Lowercased file names seen, with counts.
    public var fileNames: [String: Int]
    /// YAML or JSON files that look like Kubernetes manifests (`apiVersion` and `kind`).
    public var kubernetesManifests: Int = 0
    /// The container image reference to scan, when the target names one.
    public var image: String?
    /// Root-relative paths of the regular files the walk found: what the scanners are given.
    public var files: [String] = []
    /// Whether ``files`` comes from a walk of a directory (and not from counts, or a single file).
    public var walked = false
    /// Entries left out of the walk (links, FIFOs, sockets, devices), one note each.
    public var skippedEntries: [String] = []

    /// Creates an inventory from counts (tests).
    public init(extensions: [String: Int] = [:], fileNames: [String: Int] = [:]) {
        self.extensions = extensions
        self.fileNames = fileNames
    }

    /// Directories never worth descending into.
    public static let skippedDirectories: Set<String> = [
        ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".build",
    ]

    /// Surveys `root` with Ward's one walk of the tree (``TreeWalker``): regular files only, links
    /// and special files listed in ``skippedEntries``, `.gitignore` not applied (every scanner sees
    /// every file), at most `limit` files.
    public static func survey(root: String, limit: Int = 200_000) -> TargetInventory {
        var inventory = TargetInventory()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else { return inventory }
        if !isDirectory.boolValue {
            inventory.add((root as NSString).lastPathComponent)
            return inventory
        }
        let walk = TreeWalker(excludedDirectories: skippedDirectories, honourGitignore: false).walk(under: root)
        inventory.walked = true
        inventory.files = Array(walk.files.prefix(limit))
        inventory.skippedEntries = walk.skipped.map(\.note)
        if walk.files.count > limit { inventory.skippedEntries.append("\(walk.files.count - limit) files past the first \(limit): not scanned") }
        for path in inventory.files {
            let name = (path as NSString).lastPathComponent
            inventory.add(name)
            if Self.isManifestCandidate(name), Self.looksLikeKubernetes(root + "/" + path) { inventory.kubernetesManifests += 1 }
        }
        return inventory
    }

    /// Whether any file has one of these lowercased names.
    public func contains(fileName candidates: String...) -> Bool {
        candidates.contains { fileNames[$0, default: 0] > 0 }
    }

    /// Whether any file name satisfies `predicate` (names are lowercased).
    public func containsFile(where predicate: (String) -> Bool) -> Bool {
        fileNames.keys.contains(where: predicate)
    }

    private static func isManifestCandidate(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
    }

    /// Reads the first 8 KB of a YAML file for top-level `apiVersion:` and `kind:` keys.
    static func looksLikeKubernetes(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 8192)) ?? Data(), as: UTF8.self)
        let lines = head.split(separator: "\n")
        return lines.contains { $0.hasPrefix("apiVersion:") } && lines.contains { $0.hasPrefix("kind:") }
    }

    /// Whether any file has one of these extensions.
    public func contains(extension candidates: String...) -> Bool {
        candidates.contains { extensions[$0, default: 0] > 0 }
    }

    private mutating func add(_ name: String) {
        let lowered = name.lowercased()
        fileNames[lowered, default: 0] += 1
        let ext = (lowered as NSString).pathExtension
        if !ext.isEmpty { extensions[ext, default: 0] += 1 }
    }
}
