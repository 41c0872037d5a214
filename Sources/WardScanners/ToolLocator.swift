import Foundation

/// Finds a tool's executable on PATH or in Ward's own tools directory.
public struct ToolLocator: Sendable {
    /// Directories searched, in order.
    public var searchPath: [String]

    /// Creates a locator over explicit directories.
    public init(searchPath: [String]) {
        self.searchPath = searchPath
    }

    /// Ward's own tools directories first (`WARD_TOOLS_DIR`, then the managed tools' `bin` directory
    /// in the data directory), then PATH.
    public static func standard(dataDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> ToolLocator {
        var directories: [String] = []
        if let tools = environment["WARD_TOOLS_DIR"], !tools.isEmpty {
            directories.append(tools)
            directories.append(tools + "/bin")
        }
        directories.append(dataDirectory + "/tools/bin")
        directories += (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        return ToolLocator(searchPath: directories)
    }

    /// The absolute path of `name`, or `nil` when no executable of that name is found.
    public func locate(_ name: String) -> String? {
        for directory in searchPath where !directory.isEmpty {
            let candidate = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }
}
