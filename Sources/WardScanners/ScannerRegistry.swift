import Foundation

/// Every scanner Ward knows. Adding a scanner is one file plus one line here.
public enum ScannerRegistry {
    /// All plugin types, in the order `ward scanners` lists them.
    public static let all: [any ScannerPlugin.Type] = [
        BanditScanner.self,
        SemgrepScanner.self,
        TrivyScanner.self, TrivyConfigScanner.self, TrivyImageScanner.self, TrivyRootfsScanner.self,
        CheckovScanner.self,
        SafetyScanner.self,
        PipAuditScanner.self,
        SARIFScanner.self,
        GitleaksScanner.self,
        TruffleHogScanner.self,
        DetectSecretsScanner.self,
        SecretsScanner.self,
        DependabotScanner.self,
    ]

    /// The ids of every plugin.
    public static var ids: [String] { all.map { $0.id } }

    /// Every built-in plugin followed by `extra` ones (declarative plugins), ids unique.
    public static func plugins(extra: [any ScannerPlugin] = []) -> [any ScannerPlugin] {
        let builtIn: [any ScannerPlugin] = all.map { $0.init() }
        let taken = Set(builtIn.map(\.id))
        return builtIn + extra.filter { !taken.contains($0.id) }
    }

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
