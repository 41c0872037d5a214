import Foundation
import WardCore

/// A waiver read once for a whole evaluation: its glob compiled, its package and advisory names
/// folded to one case. Matching a finding then allocates nothing when the names compared are ASCII,
/// and decides exactly what ``PolicySuppression/matches(_:)`` decides.
struct CompiledWaiver {
    /// The waiver as the policy wrote it.
    let waiver: PolicySuppression
    private let path: Glob.Pattern?
    /// The package criterion, lowercased.
    private let package: String?
    /// The advisory criterion, uppercased.
    private let advisory: String?
    private let hasCriterion: Bool

    init(_ waiver: PolicySuppression) {
        self.waiver = waiver
        path = waiver.path.map(Glob.Pattern.init)
        package = waiver.package.map { $0.lowercased() }
        advisory = waiver.advisory.map { $0.uppercased() }
        hasCriterion = waiver.identity != nil || waiver.tool != nil || waiver.rule != nil || waiver.path != nil
            || waiver.package != nil || waiver.advisory != nil
    }

    /// Whether it covers `finding`: every criterion given matches, and at least one is given.
    func matches(_ finding: Finding) -> Bool {
        guard hasCriterion else { return false }
        if let identity = waiver.identity, identity != finding.identity { return false }
        if let rule = waiver.rule, rule != finding.ruleID { return false }
        if let tool = waiver.tool, tool != finding.toolID, !finding.sources.contains(tool) { return false }
        if let path, !path.matches(finding.location?.path ?? "") { return false }
        if let package {
            guard let named = finding.package else { return false }
            guard Self.equal(package, named.name, .lower) || package == named.normalizedName else { return false }
        }
        if let advisory {
            guard let found = finding.advisory else { return false }
            guard Self.equal(advisory, found.id, .upper)
                || found.aliases.contains(where: { Self.equal(advisory, $0, .upper) }) else { return false }
        }
        return true
    }

    /// The case a criterion is folded to.
    private enum Case {
        case lower, upper

        func fold(_ text: String) -> String { self == .lower ? text.lowercased() : text.uppercased() }

        func fold(_ byte: UInt8) -> UInt8 {
            switch self {
            case .lower: (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
            case .upper: (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
            }
        }
    }

    /// Whether `text` folded to `letterCase` equals `folded` (already folded): byte by byte when
    /// both are ASCII, else through Unicode case mapping and String equality.
    private static func equal(_ folded: String, _ text: String, _ letterCase: Case) -> Bool {
        if let target = asciiBytes(folded), let source = asciiBytes(text) {
            return target.count == source.count && zip(target, source).allSatisfy { $0 == letterCase.fold($1) }
        }
        return folded == letterCase.fold(text)
    }

    /// The bytes of an ASCII string stored contiguously, without copying; nil otherwise.
    private static func asciiBytes(_ text: String) -> String.UTF8View? {
        let isASCII = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } } ?? false
        return isASCII ? text.utf8 : nil
    }
}
