import Foundation

/// How a history stores a finding's title: as an empty text when it is the finding's message, so
/// the text is stored once.
///
/// Most findings' titles are their messages: a title is the message's first line, and most tools
/// write one-line messages (four findings in ten of the bundled reports' golden files; every result
/// of `bench/ingest`'s log, where the title was 95 of a finding row's 690 bytes). Both histories
/// store the title column this way and read it back through ``title(stored:message:)``; a history
/// written before keeps its titles whole, which read back unchanged. Titles are compared byte for
/// byte, so a title is read back with exactly the bytes it was stored with.
///
/// A finding whose title is empty while its message is not cannot be stored exactly (it is read back
/// with its message as title); the normalizer gives every finding with a message a title.
public enum StoredTitle {
    /// The value of the title column for `finding`: empty when its title is its message.
    public static func stored(_ finding: Finding) -> String {
        isMessage(finding.title, finding.message) ? "" : finding.title
    }

    /// The title of a finding whose title column holds `stored` and whose message is `message`.
    public static func title(stored: String, message: String) -> String {
        stored.isEmpty ? message : stored
    }

    /// SQL for the title of a finding row, given the SQL of its title and message columns.
    public static func sql(title: String, message: String) -> String {
        "CASE WHEN \(title) = '' THEN \(message) ELSE \(title) END"
    }

    private static func isMessage(_ title: String, _ message: String) -> Bool {
        guard title.utf8.count == message.utf8.count else { return false }
        return title.withUTF8Bytes { first in
            message.withUTF8Bytes { second in first.isEmpty || memcmp(first.baseAddress!, second.baseAddress!, first.count) == 0 }
        }
    }
}
