import Foundation
import WardCore

/// Who a request comes from and what they may do.
struct Caller: Sendable {
    /// The author of the caller's triage; nil for the person at this machine (then `WARD_AUTHOR`,
    /// git's `user.email` or the user's name, as for `ward triage`).
    var owner: String?
    /// What the caller may do.
    var role: APIToken.Role
    /// The caller's token; nil for the person at this machine.
    var token: APIToken?

    /// The person at this machine, on a loopback server, without a token.
    static let local = Caller(owner: nil, role: .admin)

    /// The holder of `token`.
    init(_ token: APIToken) {
        self.init(owner: token.owner, role: token.role)
        self.token = token
    }

    init(owner: String?, role: APIToken.Role) {
        self.owner = owner
        self.role = role
    }

    /// Whether the caller may upload scans of `target` (its role, and its token's targets glob).
    func mayUpload(to target: String) -> Bool {
        token?.mayUpload(to: target) ?? role.mayUpload
    }
}
