import Foundation
import WardCore

/// One run of a tool, as its plugin describes it: the command line, the environment, where the
/// report lands, the other files Ward reads back afterwards, and what the plugin learned while
/// planning (inputs it skipped, the manifests it handed the tool). Ward runs it, reads the files,
/// and hands the plan back with the output to ``ToolScanner/decode(_:of:)``: nothing passes from
/// planning to decoding through files beside the report.
public struct ToolRunPlan: Sendable {
    /// Where a tool's report lands.
    public enum Report: Sendable, Equatable {
        /// Standard output.
        case standardOutput
        /// This file.
        case file(String)
    }

    /// Arguments after the executable.
    public var arguments: [String]
    /// Environment variables to set.
    public var environment: [String: String]
    /// Working directory, when it matters.
    public var workingDirectory: String?
    /// Where the report lands.
    public var report: Report
    /// Further files the tool writes that decoding reads (Semgrep's SARIF twin, Checkov's results
    /// file); each is read within the report size limit, and a missing one is simply absent.
    public var readsBack: [String]
    /// Exit statuses the tool documents for a completed scan (with or without findings).
    public var acceptedExitStatuses: Set<Int32>
    /// Inputs the plugin left out of the run, listed on the tool run.
    public var skipped: [String] = []
    /// The dependency manifests the run audits: findings are placed on the lines that pin their packages.
    var manifests: RequirementManifests?

    /// Creates a plan.
    public init(
        arguments: [String],
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        report: Report,
        readsBack: [String] = [],
        acceptedExitStatuses: Set<Int32>
    ) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.report = report
        self.readsBack = readsBack
        self.acceptedExitStatuses = acceptedExitStatuses
    }

    /// Whether the report is written to a file rather than standard output.
    public var writesReportFile: Bool {
        if case .file = report { return true }
        return false
    }

    /// A dependency audit run in `directory` (created here), which holds the sanitized copies of
    /// `manifests`, with its report at `reportPath`.
    static func auditing(_ arguments: [String], in directory: String, reportPath: String, manifests: RequirementManifests?,
                         acceptedExitStatuses: Set<Int32>) -> ToolRunPlan {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var plan = ToolRunPlan(arguments: arguments, workingDirectory: directory, report: .file(reportPath), acceptedExitStatuses: acceptedExitStatuses)
        plan.manifests = manifests
        return plan
    }

    /// `decoded` placed in the plan's manifests, with the plan's and the manifests' skipped inputs.
    func completing(_ decoded: DecodedReport) -> DecodedReport {
        var report = decoded
        if let manifests {
            report.findings = manifests.place(report.findings.map(\.finding)).map { DecodedFinding($0) }
            report.skipped += manifests.notes
        }
        report.skipped += skipped
        return report
    }
}

/// What a run of a ``ToolRunPlan`` left: the report and the files the plan reads back.
public struct ToolRunOutput: Sendable {
    /// The report: the plan's report file, or what the tool printed.
    public var report: Data
    /// The files of ``ToolRunPlan/readsBack`` that the run left, by path.
    public var files: [String: Data]
    /// Names the report in errors.
    public var source: String

    /// Creates an output.
    public init(report: Data, files: [String: Data] = [:], source: String) {
        self.report = report
        self.files = files
        self.source = source
    }
}
