import Foundation
import WardCore
import WardPolicy

/// An upload's fields checked for shape before anything is read, as `ward import` checks its
/// flags: the target, the root, the origin and the policy it may name.
struct UploadCheck: Sendable {
    /// The most reports one upload may hold.
    static let maximumReports = 64

    /// The directory the reports' paths are relative to (`/` when the uploader gave none).
    let root: String
    /// Branch, commit and run address as the uploader gave them.
    let origin: ScanOrigin
    /// The policy the scan is gated with.
    let policy: String

    init(_ document: UploadDocument, serverPolicy: String?) throws(AppError) {
        guard UploadNameShape.matches(document.tool) else { throw .invalidRequest(reason: "tool: expected a scanner id") }
        guard !document.target.isEmpty, ScanOrigin.name(document.target) == document.target else {
            throw .invalidRequest(reason: "target: expected a name of at most 256 characters without control characters")
        }
        guard (1...Self.maximumReports).contains(document.reports.count) else {
            throw .invalidRequest(reason: "reports: expected 1 to \(Self.maximumReports) reports")
        }
        let root = document.root ?? "/"
        guard root.hasPrefix("/"), ScanOrigin.name(root) == root else { throw .invalidRequest(reason: "root: expected an absolute path") }
        self.root = (root as NSString).standardizingPath
        if let commit = document.commit, ScanOrigin.commit(commit) == nil {
            throw .invalidRequest(reason: "commit: takes 7 to 64 hexadecimal digits")
        }
        if let runURL = document.runURL, ScanOrigin.webAddress(runURL) == nil {
            throw .invalidRequest(reason: "runURL: takes an https:// address")
        }
        if let branch = document.branch, ScanOrigin.name(branch) == nil { throw .invalidRequest(reason: "branch: takes a branch name") }
        origin = ScanOrigin(branch: document.branch, commit: document.commit.flatMap(ScanOrigin.commit), runURL: document.runURL)
        policy = try Self.policy(named: document.policy, serverPolicy: serverPolicy)
    }

    /// The server's policy when it has one (the uploader may only name that same one), else a
    /// shipped policy the uploader names by its name (never a path), else `default`.
    private static func policy(named name: String?, serverPolicy: String?) throws(AppError) -> String {
        if let serverPolicy {
            guard name == nil || name == serverPolicy else {
                throw .invalidRequest(reason: "policy: this server gates every upload with its own policy")
            }
            return serverPolicy
        }
        guard let name else { return "default" }
        guard PolicyLoader.shippedNames.contains(name) else {
            throw .invalidRequest(reason: "policy: expected one of \(PolicyLoader.shippedNames.joined(separator: ", "))")
        }
        return name
    }
}
