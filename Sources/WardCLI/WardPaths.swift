import Foundation

/// Where Ward keeps its data: the history database and its managed tools.
struct WardPaths {
    /// Ward's data directory: `WARD_HOME`, else `$XDG_DATA_HOME/ward`, else `~/.local/share/ward`.
    let dataDirectory: String
    /// The history database: `--db`, else `WARD_DB`, else `history.sqlite` in the data directory.
    let database: String
    /// Whether the database path was chosen explicitly (flag or environment).
    let databaseIsExplicit: Bool

    init(databaseOption: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        if let ward = environment["WARD_HOME"], !ward.isEmpty {
            dataDirectory = Self.absolute(ward)
        } else if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            dataDirectory = Self.absolute(xdg) + "/ward"
        } else {
            dataDirectory = home + "/.local/share/ward"
        }
        if let option = databaseOption, !option.isEmpty {
            database = Self.absolute(option)
            databaseIsExplicit = true
        } else if let fromEnvironment = environment["WARD_DB"], !fromEnvironment.isEmpty {
            database = Self.absolute(fromEnvironment)
            databaseIsExplicit = true
        } else {
            database = dataDirectory + "/history.sqlite"
            databaseIsExplicit = false
        }
    }

    /// `path` made absolute against the current directory and standardized.
    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let joined = expanded.hasPrefix("/") ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
        return (joined as NSString).standardizingPath
    }

    /// Whether `path` lies inside the directory `root`.
    static func isInside(_ path: String, root: String) -> Bool {
        let realRoot = (root as NSString).resolvingSymlinksInPath
        let directory = ((path as NSString).deletingLastPathComponent as NSString).resolvingSymlinksInPath
        return directory == realRoot || directory.hasPrefix(realRoot + "/")
    }
}
