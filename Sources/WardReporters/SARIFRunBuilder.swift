import Foundation
import WardCore

/// Builds one SARIF run: the tool with its rules, the invocation and the results.
struct SARIFRunBuilder {
    static let rootID = "%SRCROOT%"

    let scan: ScanRun
    let limits: SARIFLimits
    /// Due dates of overdue findings, by identity.
    var overdue: [String: Date] = [:]

    func run(for planned: SARIFPlan.Run) -> OrderedJSON {
        var ruleIndex: [String: Int] = [:]
        var rules: [OrderedJSON] = []
        for finding in planned.findings where ruleIndex[finding.ruleID] == nil {
            ruleIndex[finding.ruleID] = rules.count
            rules.append(SARIFRuleBuilder(tagLimit: limits.tagsPerRule).rule(for: finding))
        }
        let version = planned.toolRun?.toolVersion ?? planned.findings.first?.toolVersion
        let driver: OrderedJSON = [
            "name": .string(planned.toolID),
            "version": version.map(OrderedJSON.string),
            "semanticVersion": version.flatMap(Self.semanticVersion).map(OrderedJSON.string),
            "rules": .array(rules),
        ]
        return [
            "tool": ["driver": driver],
            "automationDetails": ["id": .string("ward/\(planned.toolID)/")],
            "originalUriBaseIds": [Self.rootID: ["description": ["text": "The root of the scanned repository."]]],
            "invocations": [invocation(planned)],
            "results": .generated(count: planned.findings.count) { [self, ruleIndex] index in
                let finding = planned.findings[index]
                return result(for: finding, ruleIndex: ruleIndex[finding.ruleID] ?? 0)
            },
        ]
    }

    // MARK: - Private

    private func invocation(_ planned: SARIFPlan.Run) -> OrderedJSON {
        let state = planned.toolRun?.state
        var notices: [OrderedJSON] = []
        if let toolRun = planned.toolRun {
            let level = toolRun.isComplete ? "warning" : "error"
            notices += toolRun.errors.map { notification(level, $0) }
            notices += toolRun.skipped.map { notification("warning", "skipped: " + $0) }
        }
        notices += planned.notices.map { notification($0.level, $0.text) }
        return [
            "executionSuccessful": .bool(state.map { $0 == .succeeded || $0 == .notApplicable } ?? true),
            "exitCode": planned.toolRun?.exitStatus.map { .integer(Int($0)) },
            "toolExecutionNotifications": notices.isEmpty ? nil : .array(notices),
            "properties": state.map { ["ward/state": .string($0.rawValue)] },
        ]
    }

    private func notification(_ level: String, _ text: String) -> OrderedJSON {
        ["level": .string(level), "message": ["text": .string(FindingArtifact.withoutRoot(text, root: scan.target.root))]]
    }

    private func result(for finding: Finding, ruleIndex: Int) -> OrderedJSON {
        let description = FindingArtifact.description(of: finding)
        let message = description == finding.title ? finding.title : finding.title + "\n\n" + description
        let location = FindingArtifact.location(of: finding).flatMap { physicalLocation($0, finding: finding) }
        return [
            "ruleId": .string(finding.ruleID),
            "ruleIndex": .integer(ruleIndex),
            "level": .string(Self.level(finding.severity)),
            "message": ["text": .string(message.isEmpty ? finding.ruleID : message)],
            "locations": location.map { physical -> OrderedJSON in [["physicalLocation": physical]] },
            "partialFingerprints": [SARIFReporter.fingerprintKey: .string(finding.identity)],
            "suppressions": finding.suppression.map { [Self.suppression($0)] },
            "properties": properties(finding),
        ]
    }

    /// A repository-relative URI under `%SRCROOT%`; a path outside the root stays an absolute `file` URI.
    private func physicalLocation(_ location: SourceLocation, finding: Finding) -> OrderedJSON? {
        let path = FindingArtifact.relative(location.path, root: scan.target.root)
        guard let encoded = FindingArtifact.uriPath(path), !encoded.isEmpty else { return nil }
        let artifact: OrderedJSON = encoded.hasPrefix("/")
            ? ["uri": .string("file://" + encoded)]
            : ["uri": .string(encoded), "uriBaseId": .string(Self.rootID)]
        return ["artifactLocation": artifact, "region": Self.region(location, showSnippet: finding.kind != .secret)]
    }

    /// Lines and columns that are at least 1; no region at all without a start line.
    static func region(_ location: SourceLocation, showSnippet: Bool) -> OrderedJSON? {
        guard let start = location.startLine, start >= 1 else { return nil }
        let startColumn = location.startColumn.flatMap { $0 >= 1 ? $0 : nil }
        let endLine = location.endLine.flatMap { $0 >= start ? $0 : nil }
        let endColumn = location.endColumn.flatMap { column -> Int? in
            guard let startColumn, column >= 1 else { return nil }
            return (endLine ?? start) > start || column >= startColumn ? column : nil
        }
        let snippet = showSnippet ? location.snippet.flatMap { $0.isEmpty ? nil : $0 } : nil
        return [
            "startLine": .integer(start),
            "startColumn": startColumn.map(OrderedJSON.integer),
            "endLine": endLine.map(OrderedJSON.integer),
            "endColumn": endColumn.map(OrderedJSON.integer),
            "snippet": snippet.map { ["text": .string($0)] },
        ]
    }

    private func properties(_ finding: Finding) -> OrderedJSON {
        let package = finding.package
        let advisoryIDs = finding.advisory.map(FindingArtifact.advisoryIDs) ?? []
        return .members([
            ("ward/kind", .string(finding.kind.rawValue)),
            ("ward/sources", finding.sources.count > 1 ? .strings(finding.sources) : nil),
            ("ward/package", package.map { .string($0.name) }),
            ("ward/installedVersion", package?.installedVersion.map(OrderedJSON.string)),
            ("ward/fixedVersions", package.flatMap { $0.fixedVersions.isEmpty ? nil : .strings($0.fixedVersions) }),
            ("ward/advisory", advisoryIDs.first.map(OrderedJSON.string)),
            ("ward/aliases", advisoryIDs.count > 1 ? .strings(Array(advisoryIDs.dropFirst())) : nil),
            ("ward/overdue", overdue[finding.identity].map { _ in .bool(true) }),
            ("ward/dueAt", overdue[finding.identity].map { .string(UTCTimestamp.string($0) + "Z") }),
        ])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    static func suppression(_ suppression: Suppression) -> OrderedJSON {
        switch suppression.source {
        case .inSource:
            ["kind": "inSource", "justification": suppression.justification.map(OrderedJSON.string)]
        case .policy:
            ["kind": "external", "status": "accepted", "justification": .string(suppression.justification ?? "waived by policy")]
        case .external:
            ["kind": "external", "justification": suppression.justification.map(OrderedJSON.string)]
        }
    }

    /// `1.9.4` style versions only; anything else stays in `version`.
    static func semanticVersion(_ version: String) -> String? {
        let core = version.split(separator: "-", maxSplits: 1).first.map(String.init) ?? version
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) ? version : nil
    }
}
