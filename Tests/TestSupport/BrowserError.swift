import Foundation

/// Why the headless browser could not do what a test asked; each says it in one line.
public enum BrowserError: Error, CustomStringConvertible {
    /// Chromium or its driver is not installed.
    case notInstalled(program: String)
    /// chromedriver did not say which port it listens on in time.
    case driverDidNotStart(log: String)
    /// A WebDriver command failed.
    case command(method: String, path: String, status: Int, error: String, message: String)
    /// The HTTP exchange with chromedriver failed.
    case http(path: String, reason: String)
    /// A WebDriver answer was not of the expected shape.
    case unexpectedAnswer(path: String)
    /// No element matches a CSS selector.
    case noElement(selector: String)
    /// Clicking an element did not lead to another page in time.
    case noNavigation(selector: String)

    public var description: String {
        switch self {
        case .notInstalled(let program):
            "\(program) is not installed: run scripts/install-system-packages --test (it installs chromium and chromium-driver)"
        case .driverDidNotStart(let log):
            "chromedriver did not start: \(log.split(separator: "\n").last ?? "no output")"
        case .command(let method, let path, let status, let error, let message):
            "WebDriver \(method) \(path) failed (\(status) \(error)): \(message.split(separator: "\n").first ?? "")"
        case .http(let path, let reason):
            "WebDriver \(path): \(reason)"
        case .unexpectedAnswer(let path):
            "WebDriver \(path) answered something else than expected"
        case .noElement(let selector):
            "no element matches \(selector)"
        case .noNavigation(let selector):
            "clicking \(selector) led to no other page"
        }
    }
}
