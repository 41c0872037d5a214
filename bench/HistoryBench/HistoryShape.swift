import Foundation
import WardApp
import WardCore

/// The shape of the generated history: how many targets, scans and findings, and how much changes
/// from one scan of a target to the next.
struct HistoryShape {
    /// Distinct findings over the whole history.
    var findings = 1_000_000
    var targets = 50
    /// Scans over the whole history, taken round-robin over the targets.
    var scans = 200
    /// Share of a scan's findings that are new in the next scan of the target.
    var newRate = 0.008
    /// Share that is fixed in the next scan.
    var fixedRate = 0.008
    /// Share whose file moves (linked by lineage, neither new nor fixed).
    var movedRate = 0.004
    /// Share that are dependency advisories reported by two tools (two occurrences per scan).
    var dependencyShare = 0.2

    var scansPerTarget: Int { max(1, scans / targets) }

    /// Findings in a target's first scan, so that the target's distinct findings reach their share.
    var initialPerTarget: Int {
        Int(Double(findings) / Double(targets) / (1 + Double(scansPerTarget - 1) * newRate))
    }

    /// The time of scan `round` of target `target`: every 12 hours, round-robin over the targets.
    func date(round: Int, target: Int) -> Date {
        Date(timeIntervalSince1970: 1_767_225_600 + Double(round * targets + target) * 43_200)
    }

    static let codeRules = (0..<60).map { "ward.python.rule-\($0)" }
    static let tools = ["bandit", "semgrep", "pip-audit", "safety"]

    /// The redaction stage `ward` records with, so that the scans carry its fingerprint and
    /// `ward check` reads them back as it would a history `ward` wrote.
    static func stage(history path: String) throws -> RedactionStage {
        try Redaction.stage(paths: WardPaths(databaseOption: path))
    }
}

/// A deterministic generator (SplitMix64), so two runs build the same history.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
