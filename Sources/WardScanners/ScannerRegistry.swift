import Foundation

/// Every scanner Ward knows. Adding a scanner is one plugin file (plus its report readers in their
/// own folder under `Formats/`) and one line here.
public enum ScannerRegistry {
    /// Every built-in plugin, in the order `ward scanners` lists them.
    public static let all: [any ScannerPlugin] = [
        BanditScanner(),
        SemgrepScanner(),
        TrivyScanner(), TrivyConfigScanner(), TrivyImageScanner(), TrivyRootfsScanner(),
        CheckovScanner(),
        SafetyScanner(),
        PipAuditScanner(),
        SARIFScanner(),
        GitleaksScanner(),
        TruffleHogScanner(),
        DetectSecretsScanner(),
        SecretsScanner(),
        DependabotScanner(),
    ]

    /// The ids of every plugin.
    public static var ids: [String] { all.map(\.id) }

    /// Every built-in plugin followed by `extra` ones (declarative plugins), ids unique.
    public static func plugins(extra: [any ScannerPlugin] = []) -> [any ScannerPlugin] {
        let taken = Set(ids)
        return all + extra.filter { !taken.contains($0.id) }
    }

    /// The plugin with this id.
    ///
    /// - Throws: ``ScannerError/unknownScanner(id:known:)`` for an id not in the registry.
    public static func plugin(id: String) throws(ScannerError) -> any ScannerPlugin {
        guard let plugin = all.first(where: { $0.id == id }) else {
            throw ScannerError.unknownScanner(id: id, known: ids)
        }
        return plugin
    }
}
