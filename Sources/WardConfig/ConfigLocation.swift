/// Where in a YAML document a problem is: the file, its sort, the line and column of the
/// offending node (1-based) and its key path (`.fail-on.severity`, `.rules[2]`; empty for the root).
public struct ConfigLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file, as named on the command line.
    public var path: String
    /// The sort of document.
    public var kind: ConfigKind
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars as libyaml counts.
    public var column: Int
    /// The key path of the node, or empty.
    public var keyPath: String

    /// Creates a location.
    public init(path: String, kind: ConfigKind, line: Int, column: Int, keyPath: String = "") {
        self.path = path
        self.kind = kind
        self.line = line
        self.column = column
        self.keyPath = keyPath
    }

    /// `file:line:column: kind: ` and the key path when there is one.
    public var description: String {
        "\(path):\(line):\(column): \(kind): " + (keyPath.isEmpty ? "" : keyPath + ": ")
    }
}
