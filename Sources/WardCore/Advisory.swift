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

    /// The id used for identity: a CVE when one exists among all ids, else a GHSA, else the tool's id.
    public var canonicalID: String {
        let all = [id] + aliases
        if let cve = all.filter({ $0.uppercased().hasPrefix("CVE-") }).sorted().first { return cve.uppercased() }
        if let ghsa = all.filter({ $0.uppercased().hasPrefix("GHSA-") }).sorted().first { return ghsa.uppercased() }
        return id
    }
}
