import Foundation
import HTTPTypes
import Hummingbird
import WardReporters

/// The answers of page routes other than a rendered page: redirects and refusals, as HTML.
enum PageAnswer {
    /// A page of `title` with `body` (already escaped).
    static func page(_ title: String, body: String, status: HTTPResponse.Status = .ok) -> Response {
        PageRoutes.response(PageLayout.document(title: title, body: body), type: "text/html; charset=utf-8", status: status)
    }

    /// A refusal: `message` (escaped here) on a page with the status's reason as its title.
    static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        page(status.reasonPhrase, body: "<h1>\(HTMLText.escape(status.reasonPhrase))</h1><p>\(HTMLText.escape(message))</p>", status: status)
    }

    /// `303 See Other` to `location`, a path on this server.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// The login page's address, coming back to `path` (with its query) afterwards.
    static func login(returningTo path: String) -> String {
        var unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        unreserved.insert(charactersIn: "-._~/:@")
        return "/login?next=" + (path.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "%2F")
    }

    /// `path` when it is a path on this server (one leading slash, no scheme or host), else `/`:
    /// a login must not send its browser to another site.
    static func localPath(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"), path.utf8.count <= 2048,
              !path.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" }) else { return "/" }
        return path
    }
}
