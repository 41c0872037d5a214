import Foundation
import Synchronization

/// Each folder's real location inside the root, resolved once per report and shared by every
/// thread normalizing its findings: a report names the same folders over and over, and resolving
/// one costs a `readlink` per component.
final class RealDirectories: Sendable {
    private let resolved = Mutex<[String: String?]>([:])

    /// How many folders were resolved.
    var count: Int { resolved.withLock(\.count) }

    /// The real location of `directory` (root-relative), `resolve`d the first time it is asked for;
    /// `nil` when it lies outside the root or is no folder. Two threads asking at once may both resolve it.
    func location(of directory: String, resolve: () -> String?) -> String? {
        if let known = resolved.withLock({ $0[directory] }) { return known }
        let location = resolve()
        resolved.withLock { $0[directory] = location }
        return location
    }
}
