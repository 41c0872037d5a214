import Foundation

/// A token for `ward serve`'s API and pages (`ward tokens create`): who holds it, what it may do.
/// Only its SHA-256 digest is stored; the token itself is shown once, when it is made.
public struct APIToken: Sendable, Hashable {
    /// What a token may do.
    public enum Role: String, Sendable, CaseIterable {
        /// Reads findings, scans, diffs and trends.
        case viewer
        /// Reads, and records triage decisions.
        case triager
        /// Reads, and uploads scans of the targets its glob matches.
        case uploader
        /// Everything.
        case admin

        /// Whether the role may record triage decisions.
        public var mayTriage: Bool { self == .triager || self == .admin }
        /// Whether the role may upload scans.
        public var mayUpload: Bool { self == .uploader || self == .admin }
    }

    /// The public id (`ward tokens revoke ID`); not a secret.
    public var id: String
    /// Who holds it: the author of the triage made with it.
    public var owner: String
    /// What it may do.
    public var role: Role
    /// The targets an uploader may upload to (Ward's glob); nil for every target.
    public var targets: String?
    /// When it was made.
    public var createdAt: Date
    /// When it was last accepted.
    public var lastUsedAt: Date?
    /// When it was revoked; a revoked token is refused.
    public var revokedAt: Date?

    /// Describes a token.
    public init(id: String, owner: String, role: Role, targets: String?, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.owner = owner
        self.role = role
        self.targets = targets
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// The digest stored for `secret`: hex SHA-256.
    public static func digest(of secret: String) -> String {
        SHA256.hex(secret)
    }

    /// Whether the token may upload scans of `target`.
    public func mayUpload(to target: String) -> Bool {
        guard role.mayUpload else { return false }
        guard let targets else { return true }
        return Glob.matches(targets, target)
    }
}
