import Foundation
import WardCore
import WardScanners

/// What `ward push` sends: one tool's report files as one scan of a target, described exactly as
/// ``ImportRequest`` describes a local import (the same defaults for root, target and origin).
public struct PushRequest: Sendable {
    /// Scanner id of the tool that wrote the reports.
    public var tool: String
    /// Report files; `-` is standard input.
    public var files: [String]
    /// The directory the reports' paths are relative to (default: the current directory).
    public var root: String?
    /// History name of the target (default: the root's absolute path).
    public var target: String?
    /// Where the tree came from, as flags give it; completed from the CI variables.
    public var origin: ScanOrigin
    /// A policy of the server's, by name.
    public var policy: String?
    /// Largest report read, in bytes.
    public var maxReportBytes: Int

    /// Creates a request.
    public init(tool: String, files: [String], root: String? = nil, target: String? = nil, origin: ScanOrigin = ScanOrigin(),
                policy: String? = nil, maxReportBytes: Int = 64 << 20) {
        self.tool = tool
        self.files = files
        self.root = root
        self.target = target
        self.origin = origin
        self.policy = policy
        self.maxReportBytes = maxReportBytes
    }

    /// The upload: every file read (each at most ``maxReportBytes``), the origin completed from
    /// `variables` (the CI system's), the root made absolute.
    public func document(variables: [String: String]) throws(AppError) -> UploadDocument {
        let reader = BoundedReader(limit: maxReportBytes)
        var reports: [UploadDocument.Report] = []
        for file in files {
            do {
                reports.append(UploadDocument.Report(name: (file as NSString).lastPathComponent, content: try reader.read(file)))
            } catch {
                throw .wrapping(error)
            }
        }
        let root = WardPaths.absolute(root ?? ".")
        let importing = ImportRequest(tool: tool, files: files, root: root, target: target, origin: origin)
        let target = ImportService.target(importing, root: root, variables: variables)
        let origin = ScanOrigin(branch: target.branch, commit: target.commit, runURL: target.runURL)
        return UploadDocument(tool: tool, target: target.name, root: root, origin: origin, policy: policy, reports: reports)
    }
}
