import Foundation

/// A headless Chromium for tests, driven through chromedriver (Debian's `chromium` and
/// `chromium-driver`; nothing is downloaded). Pages are opened by address (`file://` or a local
/// server), elements found by CSS selector, typed into and clicked; the browser's console errors
/// (including Content-Security-Policy violations) can be read, and screenshots are saved under
/// `reports/browser/` as test artifacts.
///
///     try await Browser.session { browser in
///         try await browser.open(file: path)
///         try await browser.find("#filter-text").type("B602")
///         #expect(try await browser.consoleErrors().isEmpty)
///         try await browser.screenshot("report")
///     }
public final class Browser: Sendable {
    /// How to start the browser.
    public struct Options: Sendable {
        /// Whether pages may run JavaScript.
        public var javaScript: Bool
        /// The window's size in CSS pixels.
        public var width: Int, height: Int

        /// Creates options: JavaScript on, a 1280×1000 window.
        public init(javaScript: Bool = true, width: Int = 1280, height: Int = 1000) {
            self.javaScript = javaScript
            self.width = width
            self.height = height
        }
    }

    /// Where screenshots go: `reports/browser/` in the repository (ignored by git).
    public static var screenshotDirectory: String { Fixtures.repository + "/reports/browser" }

    private let driver: BrowserDriver
    private let sessionPath: String
    private let profile: String

    /// Starts chromedriver and a headless Chromium; fails, saying how to install them, when they are missing.
    public static func launch(_ options: Options = Options()) async throws -> Browser {
        let chromium = try locate("chromium"), chromedriver = try locate("chromedriver")
        let profile = try Fixtures.temporaryDirectory("ward-browser")
        let driver = try await BrowserDriver(executable: chromedriver, logDirectory: profile)
        do {
            let value = try await driver.send("POST", "session", ["capabilities": ["alwaysMatch": capabilities(options, chromium, profile)]])
            guard let id = (value as? [String: Any])?["sessionId"] as? String else { throw BrowserError.unexpectedAnswer(path: "session") }
            return Browser(driver: driver, sessionPath: "session/" + id, profile: profile)
        } catch {
            driver.stop()
            try? FileManager.default.removeItem(atPath: profile)
            throw error
        }
    }

    /// Runs `body` with a new browser and closes the browser afterwards, whether `body` threw or not.
    public static func session<T: Sendable>(_ options: Options = Options(), _ body: (Browser) async throws -> T) async throws -> T {
        let browser = try await launch(options)
        do {
            let result = try await body(browser)
            await browser.quit()
            return result
        } catch {
            await browser.quit()
            throw error
        }
    }

    private init(driver: BrowserDriver, sessionPath: String, profile: String) {
        self.driver = driver
        self.sessionPath = sessionPath
        self.profile = profile
    }

    /// Loads an address and waits until the page has loaded.
    public func open(_ url: URL) async throws {
        _ = try await send("POST", "url", ["url": url.absoluteString])
    }

    /// Loads a local file through `file://`.
    public func open(file path: String) async throws {
        try await open(URL(fileURLWithPath: path))
    }

    /// The page's title.
    public func title() async throws -> String {
        try await send("GET", "title") as? String ?? ""
    }

    /// The first element matching a CSS selector; throws when there is none.
    public func find(_ selector: String) async throws -> BrowserElement {
        guard let element = try await findAll(selector).first else { throw BrowserError.noElement(selector: selector) }
        return element
    }

    /// Every element matching a CSS selector, in document order.
    public func findAll(_ selector: String) async throws -> [BrowserElement] {
        let value = try await send("POST", "elements", ["using": "css selector", "value": selector])
        guard let list = value as? [[String: Any]] else { throw BrowserError.unexpectedAnswer(path: "elements") }
        return list.compactMap { $0[BrowserElement.key] as? String }.map { BrowserElement(browser: self, id: $0) }
    }

    /// The browser console's errors (level SEVERE: script errors, failed loads, Content-Security-Policy
    /// violations) since the page was opened or since the last call.
    public func consoleErrors() async throws -> [String] {
        let value = try await send("POST", "se/log", ["type": "browser"])
        let entries = value as? [[String: Any]] ?? []
        return entries.filter { ($0["level"] as? String) == "SEVERE" }.map { $0["message"] as? String ?? "" }
    }

    /// Saves a PNG of the whole page as `reports/browser/<name>.png` and returns its path.
    @discardableResult
    public func screenshot(_ name: String) async throws -> String {
        let metrics = try await devTools("Page.getLayoutMetrics") as? [String: Any]
        let size = metrics?["cssContentSize"] as? [String: Any]
        let width = (size?["width"] as? Double) ?? 1280, height = min((size?["height"] as? Double) ?? 1000, 16_000)
        let clip: [String: Any] = ["x": 0, "y": 0, "width": width, "height": height, "scale": 1]
        let shot = try await devTools("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true, "clip": clip])
        guard let encoded = (shot as? [String: Any])?["data"] as? String, let png = Data(base64Encoded: encoded) else {
            throw BrowserError.unexpectedAnswer(path: "Page.captureScreenshot")
        }
        try FileManager.default.createDirectory(atPath: Self.screenshotDirectory, withIntermediateDirectories: true)
        let path = Self.screenshotDirectory + "/\(name).png"
        try png.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Ends the session, the browser and chromedriver, and removes the browser's profile.
    public func quit() async {
        _ = try? await driver.send("DELETE", sessionPath)
        driver.stop()
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// Sends a command of this session (`path` relative to the session).
    func send(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await driver.send(method, sessionPath + "/" + path, body)
    }

    // MARK: - Private

    /// A Chrome DevTools command through chromedriver.
    private func devTools(_ command: String, _ parameters: [String: Any] = [:]) async throws -> Any? {
        try await send("POST", "goog/cdp/execute", ["cmd": command, "params": parameters])
    }

    private static func capabilities(_ options: Options, _ chromium: String, _ profile: String) -> [String: Any] {
        var arguments = ["--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                         "--lang=en-US", "--window-size=\(options.width),\(options.height)", "--user-data-dir=\(profile)/profile"]
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        var chrome: [String: Any] = ["binary": chromium, "args": arguments]
        if !options.javaScript { chrome["prefs"] = ["profile.managed_default_content_settings.javascript": 2] }
        return ["browserName": "chrome", "goog:chromeOptions": chrome, "goog:loggingPrefs": ["browser": "ALL"]]
    }

    /// The program's path on PATH (Debian installs both into /usr/bin).
    private static func locate(_ program: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") + ["/usr/bin"] {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BrowserError.notInstalled(program: program)
    }
}
