import Foundation

extension Browser {
    /// The first element matching `selector` once the page has one, asking every 100 ms for up to
    /// `seconds`: after a click that submits a form, the next page may still be on its way.
    public func waitFor(_ selector: String, seconds: Double = 15) async throws -> BrowserElement {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let element = try? await findAll(selector).first { return element }
            guard Date() < deadline else { throw BrowserError.noElement(selector: selector) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The address of the page shown.
    public func url() async throws -> String {
        try await send("GET", "url") as? String ?? ""
    }

    /// Clicks the element `selector` finds (a link, a form's button) and waits, up to `seconds`,
    /// until the browser shows another address. A click only starts a navigation: elements found
    /// before it commits are the old page's, and go stale under the reader.
    public func follow(_ selector: String, seconds: Double = 15) async throws {
        let before = try await url()
        try await find(selector).click()
        let deadline = Date().addingTimeInterval(seconds)
        while try await url() == before {
            guard Date() < deadline else { throw BrowserError.noNavigation(selector: selector) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
