import Foundation

/// Every scanner Ward knows. Adding a scanner is one file plus one line here.
public enum ScannerRegistry {
    /// All plugin types, in the order `ward scanners` lists them.
    public static let all: [any ScannerPlugin.Type] = [
        BanditScanner.self,
        SemgrepScanner.self,
    ]

    /// The ids of every plugin.
    public static var ids: [String] { all.map { $0.id } }

    /// The plugin with this id.
    ///
    /// - Throws: ``ScannerError/unknownScanner(id:known:)`` for an id not in the registry.
    public static func plugin(id: String) throws(ScannerError) -> any ScannerPlugin {
        guard let type = all.first(where: { $0.id == id }) else {
            throw ScannerError.unknownScanner(id: id, known: ids)
        }
        return type.init()
    }
}
