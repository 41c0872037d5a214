import Foundation

/// Folds the findings of several tools that share an identity into one finding with several sources.
///
/// pip-audit, Safety and Trivy reporting the same advisory for the same package and manifest is one
/// weakness; reports and the gate count it once and say which tools saw it.
public enum FindingMerger {
    /// One finding per identity, in first-seen order. The report ``FindingPrecedence`` picks is kept as
    /// the primary; its `sources` lists every tool, and aliases, references and fixed versions are united.
    public static func merge(_ findings: [Finding]) -> [Finding] {
        // Most scans have nothing to merge: their findings stay where they are, sources filled in
        // (copied only when some finding still names none).
        let distinct = findings.withUnsafeBufferPointer { buffer -> Bool in
            var identities = Set<String>(minimumCapacity: buffer.count)
            for index in buffer.indices where !buffer[index].identity.isEmpty {
                guard identities.insert(buffer[index].identity).inserted else { return false }
            }
            return true
        }
        if distinct {
            var result = findings
            fillSources(&result)
            return result
        }
        var positions: [String: Int] = [:]
        var merged: [Finding] = []
        merged.reserveCapacity(findings.count)
        for finding in findings {
            let key = finding.identity.isEmpty ? "\(merged.count)" : finding.identity
            if let position = positions[key] {
                merged[position] = combine(merged[position], with: finding)
                continue
            }
            var first = finding
            first.sources = finding.sources.isEmpty ? [finding.toolID] : finding.sources
            positions[key] = merged.count
            merged.append(first)
        }
        return merged
    }

    /// Gives each finding that names no source its own tool as its only one, where it lies: what
    /// ``merge(_:)`` gives a finding no other tool reported. Done while a scan's findings have one
    /// holder (before they are stored), it spares the merge a copy of every finding.
    public static func fillSources(_ findings: inout [Finding]) {
        // Looked for first: an optimized loop makes the array its own (copying every finding of a
        // shared one) before its first pass, whether or not any finding then changes.
        var complete = true
        findings.forEachInPlace { _, finding in complete = complete && !finding.pointee.sources.isEmpty }
        guard !complete else { return }
        for index in findings.indices where findings[index].sources.isEmpty {
            findings[index].sources = [findings[index].toolID]
        }
    }

    private static func combine(_ existing: Finding, with other: Finding) -> Finding {
        let takesOver = FindingPrecedence.outranks(other, existing)
        var primary = takesOver ? other : existing
        let secondary = takesOver ? existing : other
        primary.sources = Array(Set(existing.sources + [other.toolID] + other.sources)).sorted()
        primary.references = unique(primary.references + secondary.references)
        primary.cwes = unique(primary.cwes + secondary.cwes)
        primary.fixAvailable = primary.fixAvailable || secondary.fixAvailable
        if let advisory = primary.advisory, let otherAdvisory = secondary.advisory {
            primary.advisory = advisory.uniting(otherAdvisory)
        }
        if var package = primary.package, let otherPackage = secondary.package {
            package.fixedVersions = unique(package.fixedVersions + otherPackage.fixedVersions)
            primary.package = package
        }
        // Active when any tool reports it unsuppressed.
        if secondary.suppression == nil { primary.suppression = nil }
        return primary
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
