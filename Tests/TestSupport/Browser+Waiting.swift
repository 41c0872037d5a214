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
}
