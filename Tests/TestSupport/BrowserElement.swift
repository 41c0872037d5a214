import Foundation

/// One element of the page a ``Browser`` shows, as WebDriver refers to it.
public struct BrowserElement: Sendable {
    /// The key WebDriver gives an element's reference under.
    static let key = "element-6066-11e4-a52e-4f735466cecf"

    let browser: Browser
    let id: String

    /// Clicks the element (an `<option>` is selected this way).
    public func click() async throws {
        _ = try await send("POST", "click")
    }

    /// Types `text` into the element, as key presses.
    public func type(_ text: String) async throws {
        _ = try await send("POST", "value", ["text": text])
    }

    /// Empties a text field.
    public func clear() async throws {
        _ = try await send("POST", "clear")
    }

    /// The text a reader sees in the element: empty when it is hidden.
    public func text() async throws -> String {
        try await send("GET", "text") as? String ?? ""
    }

    /// Whether the element is shown.
    public func isDisplayed() async throws -> Bool {
        try await send("GET", "displayed") as? Bool ?? false
    }

    /// An attribute's value, or nil when the element has none.
    public func attribute(_ name: String) async throws -> String? {
        try await send("GET", "attribute/" + name) as? String
    }

    private func send(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await browser.send(method, "element/\(id)/\(path)", body)
    }
}
