import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A browser as the page tests need one: it keeps the cookies the server sets (and shows each
/// `Set-Cookie` as sent), follows no redirect by itself, and posts forms with the fields a page's
/// form holds.
final class PageClient: Sendable {
    let bed: ServerTestbed
    /// The `Host` (and `Origin` of posts) sent: the bound address's.
    let authority: String
    private let jar = Mutex<[String: String]>([:])
    private let session: URLSession

    /// The cookies held, by name; set to replace them.
    var cookies: [String: String] {
        get { jar.withLock { $0 } }
        set { jar.withLock { $0 = newValue } }
    }

    init(_ bed: ServerTestbed, authority: String? = nil) {
        self.bed = bed
        self.authority = authority ?? "127.0.0.1:\(bed.port)"
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 600  // as ServerTestbed's requests
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    /// An answer, with each `Set-Cookie` value apart.
    struct Answer {
        var status: Int
        var headers: [String: String]
        var setCookies: [String]
        var text: String
        /// The `Set-Cookie` value for `name`, if one was sent.
        func cookie(_ name: String) -> String? { setCookies.first { $0.hasPrefix(name + "=") } }
        /// The value of the hidden field `name` in the page's first form that has one.
        func field(_ name: String) -> String? {
            guard let range = text.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Answer {
        try await send(path, method: "GET", headers: headers, body: nil)
    }

    /// Posts `fields` as a form, with this server's `Origin` (unless `headers` says otherwise, or
    /// `origin` is false).
    func post(_ path: String, _ fields: [String: String], headers: [String: String] = [:], origin: Bool = true) async throws -> Answer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        let own = origin ? ["Origin": "http://" + authority] : [:]
        let sent = ["Content-Type": "application/x-www-form-urlencoded"].merging(own) { $1 }.merging(headers) { $1 }
        return try await send(path, method: "POST", headers: sent, body: Data(body.utf8))
    }

    /// Logs in with `secret` (the login form's CSRF token taken from the page, as a browser would).
    func logIn(_ secret: String, next: String = "/", headers: [String: String] = [:]) async throws -> Answer {
        let form = try await get("/login")
        return try await post("/login", ["token": secret, "csrf": form.field("csrf") ?? "", "next": next], headers: headers)
    }

    private func send(_ path: String, method: String, headers: [String: String], body: Data?) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(bed.port)\(path)")!)
        request.httpMethod = method
        request.setValue(authority, forHTTPHeaderField: "Host")
        let cookies = self.cookies
        if !cookies.isEmpty {
            request.setValue(cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for case let (name as String, value as String) in http.allHeaderFields { fields[name.lowercased()] = value }
        let setCookies = fields["set-cookie"].map { $0.components(separatedBy: ", ") } ?? []
        for cookie in setCookies {
            let pair = cookie.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            jar.withLock { $0[String(pair[0])] = pair[1].isEmpty ? nil : String(pair[1]) }
        }
        return Answer(status: http.statusCode, headers: fields, setCookies: setCookies, text: String(decoding: data, as: UTF8.self))
    }
}

/// Hands every redirect back to the caller instead of following it.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
