import Foundation
import GRDB

/// `v18-raw-dictionary`: from here on, raw results may be compressed against a preset dictionary
/// (`RawDictionary`), which each body names.
///
/// Nothing in the schema changes; the name is what matters. A ward from before it has no
/// dictionary and would open the history only to fail on the first raw result it reads back;
/// seeing a migration it does not know, it refuses the history at once as written by a newer ward.
enum RawDictionaryMigration {
    /// Changes nothing: bodies written before read as they did.
    static func apply(_ db: Database) throws {}
}
