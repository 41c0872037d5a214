import Foundation
import WardReporters

/// Cross-site request forgery tokens: every form posts its session's token in a hidden field,
/// and a page `POST` whose field does not match is refused before any route sees it.
enum CSRF {
    /// The hidden field's name.
    static let field = "csrf"

    /// The hidden field carrying `token`, for a form.
    static func hiddenField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"\(field)\" value=\"\(HTMLText.escape(token))\">"
    }

    /// Whether `sent` is `expected`, compared in time that does not depend on where they differ.
    static func matches(_ sent: String?, _ expected: String?) -> Bool {
        guard let sent, let expected, !expected.isEmpty else { return false }
        let a = Array(sent.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
