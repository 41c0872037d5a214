import Foundation
import GRDB

/// `v21-stored-titles`: from here on, a finding's title that is its message is stored as an empty
/// text and read back as the message (``WardCore/StoredTitle``).
///
/// Nothing in the schema changes; the name is what matters. A ward from before it would show such
/// findings without a title; seeing a migration it does not know, it refuses the history at once as
/// written by a newer ward.
enum StoredTitleMigration {
    /// Changes nothing: titles written before read as they did.
    static func apply(_ db: Database) throws {}
}
