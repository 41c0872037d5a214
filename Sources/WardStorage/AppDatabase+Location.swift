import Foundation

extension AppDatabase {
    /// Refuses a database path inside `root`, the tree being scanned: a scan (or a pre-commit
    /// hook) must never modify the repository it looks at. Symbolic links are resolved first.
    public static func checkOutside(scannedRoot root: String, path: String) throws(StorageError) {
        let database = resolved(path)
        let tree = resolved(root)
        if database == tree || database.hasPrefix(tree.hasSuffix("/") ? tree : tree + "/") {
            throw .insideScannedTree(path: path, root: root)
        }
    }

    /// The absolute path with `.`/`..` removed and symbolic links resolved, for the part that exists.
    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
