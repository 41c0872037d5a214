import Foundation

/// A published advisory (CVE, GHSA, PYSEC, a tool's own id) with its aliases.
public struct Advisory: Codable, Sendable, Hashable {
    /// The id the tool reported.
    public var id: String
    /// Other ids for the same advisory.
    public var aliases: [String]

    /// Creates an advisory reference.
    public init(id: String, aliases: [String] = []) {
        self.id = id
        self.aliases = aliases
    }

    /// This advisory with every id of `other` among its aliases: its id, then its aliases, after
    /// this one's aliases, each once, never this advisory's own id. One finding reported by several
    /// tools (pip-audit's PYSEC id with GHSA and CVE aliases, Safety's own id with a CVE) keeps
    /// every id any of them gave, so filters and waivers match any of them.
    public func uniting(_ other: Advisory) -> Advisory {
        var seen: Set<String> = [id]
        var united = self
        united.aliases = (aliases + [other.id] + other.aliases).filter { seen.insert($0).inserted }
        return united
    }

    /// The id used for identity: a CVE when one exists among all ids, else a GHSA, else the tool's id.
    public var canonicalID: String {
        let all = [id] + aliases
        if let cve = all.filter({ $0.uppercased().hasPrefix("CVE-") }).sorted().first { return cve.uppercased() }
        if let ghsa = all.filter({ $0.uppercased().hasPrefix("GHSA-") }).sorted().first { return ghsa.uppercased() }
        return id
    }
}
