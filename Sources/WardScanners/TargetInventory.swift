import Foundation

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

    /// Creates an inventory from counts (tests).
    public init(extensions: [String: Int] = [:], fileNames: [String: Int] = [:]) {
        self.extensions = extensions
        self.fileNames = fileNames
    }

    /// Directories never worth descending into.
    public static let skippedDirectories: Set<String> = [
        ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".build",
    ]

    /// Surveys `root`, visiting at most `limit` entries.
    public static func survey(root: String, limit: Int = 200_000) -> TargetInventory {
        var inventory = TargetInventory()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else { return inventory }
        if !isDirectory.boolValue {
            inventory.add((root as NSString).lastPathComponent)
            return inventory
        }
        var pending = [root]
        var visited = 0
        while let directory = pending.popLast(), visited < limit {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for entry in entries {
                visited += 1
                let path = directory + "/" + entry
                var entryIsDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &entryIsDirectory) else { continue }
                if entryIsDirectory.boolValue {
                    if !skippedDirectories.contains(entry) { pending.append(path) }
                } else {
                    inventory.add(entry)
                    if Self.isManifestCandidate(entry), Self.looksLikeKubernetes(path) { inventory.kubernetesManifests += 1 }
                }
            }
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
