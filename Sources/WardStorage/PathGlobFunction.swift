import Foundation
import GRDB
import WardCore

/// The SQL function `ward_glob(pattern, path)`: Ward's ``Glob`` inside queries, so
/// `ward findings --path` selects exactly the paths a policy's `path` covers (`*` within one
/// folder, `**` across folders), which SQLite's own `GLOB` (where `*` crosses `/`) does not.
///
/// Registered on every connection; a NULL path (a finding without location) never matches.
enum PathGlobFunction {
    /// The function's name in SQL.
    static let name = "ward_glob"

    /// A new instance of the function, to add to a connection.
    static func make() -> DatabaseFunction {
        DatabaseFunction(name, argumentCount: 2, pure: true) { values in
            guard let pattern = String.fromDatabaseValue(values[0]), let path = String.fromDatabaseValue(values[1]) else {
                return false
            }
            return Glob.matches(pattern, path)
        }
    }
}
