import Foundation
import WardCore

/// The API tokens of `ward serve`: made (the secret returned once, its digest stored), listed,
/// revoked, and checked for each request.
public struct TokenService: Sendable {
    /// Where the history lives and the clock.
    public var context: WardContext

    /// Creates the service.
    public init(_ context: WardContext) {
        self.context = context
    }

    /// The prefix of every secret, so that secret scanners and people recognise one.
    public static let secretPrefix = "ward_"

    /// Makes a token for `owner` with `role` (an uploader limited to the targets `targets` matches,
    /// when given); returns it with its secret, which is shown once and never stored.
    public func create(owner: String, role: APIToken.Role, targets: String?) throws(AppError) -> (token: APIToken, secret: String) {
        let owner = try TriageService.checked(owner, option: "--owner", limit: TriageDecision.maximumAuthorLength)
        if let targets, targets.isEmpty || TriageDecision.hasControlCharacters(targets) {
            throw .invalidRequest(reason: "--targets must be a non-empty glob without control characters")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = Self.secretPrefix + Self.randomText(bytes: 32)
        let id = Self.hex((0..<6).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let token = APIToken(id: id, owner: owner, role: role, targets: targets, createdAt: context.environment.now())
        let database = try WardRuntime.openHistory(context.paths)
        do {
            try database.insert(token, digest: APIToken.digest(of: secret))
        } catch {
            throw .wrapping(error)
        }
        return (token, secret)
    }

    /// Every token, revoked ones included, with when each was last used.
    public func list() throws(AppError) -> [APIToken] {
        do {
            return try WardRuntime.openHistory(context.paths).tokens()
        } catch {
            throw .wrapping(error)
        }
    }

    /// Revokes the token `id`; requests with it are refused from then on.
    public func revoke(id: String) throws(AppError) {
        do {
            guard try WardRuntime.openHistory(context.paths).revokeToken(id: id, at: context.environment.now()) else {
                throw AppError.invalidRequest(reason: "no unrevoked token with id '\(FindingFilter.shown(id))' (see ward tokens list)")
            }
        } catch {
            throw .wrapping(error)
        }
    }

    /// The unrevoked token whose secret is `secret`, its last use set to now; nil when there is none.
    public func authenticate(_ secret: String) throws(AppError) -> APIToken? {
        guard secret.hasPrefix(Self.secretPrefix), secret.utf8.count < 200 else { return nil }
        do {
            return try WardRuntime.openHistory(context.paths).useToken(digest: APIToken.digest(of: secret), at: context.environment.now())
        } catch {
            throw .wrapping(error)
        }
    }

    /// Whether any unrevoked token exists (a server off loopback needs one).
    public func anyActive() throws(AppError) -> Bool {
        try list().contains { $0.revokedAt == nil }
    }

    /// `count` bytes from the system's secure random generator, as unpadded base64url (43
    /// characters for 32 bytes): token secrets, and the server's session ids and CSRF tokens.
    public static func randomText(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
