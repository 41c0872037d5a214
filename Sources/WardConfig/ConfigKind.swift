/// What sort of document a YAML file is, named in every error about it so that a broken plugin
/// spec is never reported as a broken policy.
public struct ConfigKind: Sendable, Hashable, CustomStringConvertible {
    /// The name errors use (`policy`, `plugin spec`).
    public let name: String

    /// Names a sort of document.
    public init(_ name: String) {
        self.name = name
    }

    /// A gate policy or one of its waivers files.
    public static let policy = ConfigKind("policy")
    /// A scanner declared in a YAML file.
    public static let pluginSpec = ConfigKind("plugin spec")
    /// Ward's built-in secret rules or a user's rule file.
    public static let secretRules = ConfigKind("secret rules")
    /// Bandit's `-f yaml` report.
    public static let banditReport = ConfigKind("bandit report")

    public var description: String { name }
}
