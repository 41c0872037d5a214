import ArgumentParser

/// How a listing command (`ward scanners`, `ward tools list`) prints its entries. An unknown
/// `--format` is refused while parsing, with the valid values listed.
enum ListFormat: String, CaseIterable, ExpressibleByArgument {
    /// Aligned lines for a terminal.
    case table
    /// One JSON document with a schema version.
    case json
}
