import Foundation

/// When a write makes a ``StoredRawDictionary`` of its own, for SQLite's and PostgreSQL's writers
/// alike: a write expecting at least ``minimum`` raw results makes one of the first batch holding
/// at least ``sampleMinimum`` new ones (a batch of fewer says the history holds most of the write
/// already, as a scan repeated does), and only one.
public struct RawDictionaryPlan: Sendable {
    /// Raw results a write must expect to make a dictionary: below it, the few results compressed
    /// against it would not repay its row (0.5-3.6 KB as measured: 1.6 KB for Bandit's results,
    /// 3.6 KB for Semgrep's SARIF, 1.2 KB for `bench/ingest`'s log). From it
    /// on, a corpus report's raw results and dictionary together take 0.50-0.74 of what its
    /// results alone took against the shipped dictionary (Bandit's 214 results 25.0 KB instead of
    /// 49.7, Checkov's 215 72.7 instead of 123.0, Semgrep's SARIF of 227 67.7 instead of 95.3, an
    /// LGTM SARIF export of 510 67.6 instead of 97.7, Trivy's 115 66.1 instead of 89.0).
    public static let minimum = 100
    /// New texts a batch must hold to make the dictionary.
    public static let sampleMinimum = 32

    /// Whether the write has yet to make its dictionary.
    public private(set) var isPending: Bool

    /// The plan of a write of at most `expected` raw results, making a dictionary from `minimum` on.
    public init(expected: Int, minimum: Int = Self.minimum) {
        isPending = expected >= minimum
    }

    /// The dictionary's text when `fresh`, the new texts of a batch, are to make it; nil otherwise,
    /// and always once it has been made.
    public mutating func dictionary(sampling fresh: [String]) -> String? {
        guard isPending, fresh.count >= Self.sampleMinimum else { return nil }
        isPending = false
        return StoredRawDictionary.text(sampling: fresh)
    }
}
