import Foundation

/// Where the pinned scanners are installed for the tests (`scripts/install-tools`).
public enum ManagedTools {
    /// The tools' `bin` directory in Ward's data directory.
    public static var binDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        let home: String
        if let ward = environment["WARD_HOME"], !ward.isEmpty {
            home = ward
        } else if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            home = xdg + "/ward"
        } else {
            home = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/ward"
        }
        return home + "/tools/bin"
    }

    /// The path of an installed tool; a test needing it fails with a clear message when it is missing.
    public static func path(_ name: String) -> String? {
        let candidate = binDirectory + "/" + name
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// The message shown when a tool the tests need is missing.
    public static func missingMessage(_ name: String) -> String {
        "\(name) is not installed in \(binDirectory): run scripts/install-tools (or scripts/test)"
    }
}
