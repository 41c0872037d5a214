import Foundation
import WardCore

/// One scan as `ward push` sends it to `POST /api/v1/uploads`: one tool's reports, the target they
/// are a scan of, and where its tree came from. The report bytes travel base64-encoded.
public struct UploadDocument: Codable, Sendable, Equatable {
    /// One report file: the name it had on the uploader's machine (its last component only) and its bytes.
    public struct Report: Codable, Sendable, Equatable {
        /// The file's name, for errors (`semgrep.json:3:7: …`).
        public var name: String
        /// The report's bytes.
        public var content: Data

        /// Describes a report.
        public init(name: String, content: Data) {
            self.name = name
            self.content = content
        }
    }

    /// Scanner id of the tool that wrote the reports.
    public var tool: String
    /// History name of the target.
    public var target: String
    /// The absolute directory the reports' paths are relative to on the uploader's machine.
    public var root: String?
    /// The branch the tree comes from.
    public var branch: String?
    /// The commit the tree is checked out at.
    public var commit: String?
    /// The web address of the CI run.
    public var runURL: String?
    /// A policy of the server's, by name; the server's own upload policy, when it has one, always applies.
    public var policy: String?
    /// The reports, at least one.
    public var reports: [Report]

    /// Describes an upload.
    public init(tool: String, target: String, root: String? = nil, origin: ScanOrigin = ScanOrigin(), policy: String? = nil,
                reports: [Report]) {
        self.tool = tool
        self.target = target
        self.root = root
        self.branch = origin.branch
        self.commit = origin.commit
        self.runURL = origin.runURL
        self.policy = policy
        self.reports = reports
    }
}
