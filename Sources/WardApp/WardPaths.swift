import Foundation
import WardCore
import WardPostgres

/// Where Ward keeps its data: the history database and its managed tools.
public struct WardPaths: Sendable {
    /// Ward's data directory: `WARD_HOME`, else `$XDG_DATA_HOME/ward`, else `~/.local/share/ward`.
    public let dataDirectory: String
    /// The history database: `--db`, else `WARD_DB`, else `history.sqlite` in the data directory; a
    /// file path made absolute, or a `postgres://` URL as given (see ``databaseIsPostgres``).
    public let database: String
    /// Whether the database path was chosen explicitly (flag or environment).
    public let databaseIsExplicit: Bool
    /// The history a long-running process keeps open for every operation (see
    /// ``keepingHistoryOpen(connections:environment:)``); nil when each operation opens it.
    public private(set) var keptHistory: (any HistoryStore)?
    /// The dashboard's counts of each target, kept with the history (nil when it is not kept).
    public private(set) var overviews: OverviewCache?

    /// Resolves the locations from the `--db` option and the environment.
    public init(databaseOption: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        if let ward = environment["WARD_HOME"], !ward.isEmpty {
            dataDirectory = Self.absolute(ward)
        } else if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            dataDirectory = Self.absolute(xdg) + "/ward"
        } else {
            dataDirectory = home + "/.local/share/ward"
        }
        if let option = databaseOption, !option.isEmpty {
            database = PostgresSettings.isURL(option) ? option : Self.absolute(option)
            databaseIsExplicit = true
        } else if let fromEnvironment = environment["WARD_DB"], !fromEnvironment.isEmpty {
            database = PostgresSettings.isURL(fromEnvironment) ? fromEnvironment : Self.absolute(fromEnvironment)
            databaseIsExplicit = true
        } else {
            database = dataDirectory + "/history.sqlite"
            databaseIsExplicit = false
        }
    }

    /// These paths with their history opened once and kept for every service called with them, as a
    /// server wants: an SQLite pool of connections (concurrent readers, one writer), or a PostgreSQL
    /// history reusing up to `connections` idle connections.
    public func keepingHistoryOpen(connections: Int = 8,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) throws(AppError) -> WardPaths {
        var paths = self
        paths.keptHistory = nil
        paths.keptHistory = try WardRuntime.openHistory(paths, variables: environment, idleConnections: connections)
        paths.overviews = OverviewCache()
        return paths
    }

    /// The paths of this machine that reports replace: the scan root, the data directory, the
    /// temporary directory, the directory of this executable and the home directory.
    public static func machinePaths(root: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> MachinePaths {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let executable = Bundle.main.executablePath.map { (($0 as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent }
        return MachinePaths(root: root, dataDirectory: WardPaths(databaseOption: nil, environment: environment).dataDirectory, home: home,
                            temporaryDirectory: NSTemporaryDirectory(), executableDirectory: executable)
    }

    /// `path` made absolute against the current directory and standardized.
    public static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let joined = expanded.hasPrefix("/") ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
        return (joined as NSString).standardizingPath
    }

    /// Whether `path` lies inside the directory `root`.
    public static func isInside(_ path: String, root: String) -> Bool {
        let realRoot = (root as NSString).resolvingSymlinksInPath
        let directory = ((path as NSString).deletingLastPathComponent as NSString).resolvingSymlinksInPath
        return directory == realRoot || directory.hasPrefix(realRoot + "/")
    }
}

extension WardPaths {
    /// Whether the history is a PostgreSQL database (`postgres://` or `postgresql://`).
    public var databaseIsPostgres: Bool { PostgresSettings.isURL(database) }

    /// Where tools keep their caches.
    public var cacheDirectory: String { dataDirectory + "/cache" }

    /// Refuses a scan of `root` whose history database would land inside it, unless the database was
    /// chosen explicitly; then it is only worth a warning, which is returned.
    func checkDatabase(outside root: String) throws(AppError) -> String? {
        guard Self.isInside(database, root: root) else { return nil }
        guard databaseIsExplicit else { throw .databaseInsideTarget(database: database) }
        return "\(database) is inside the scanned tree"
    }

    /// `path` as an existing directory made absolute, else ``AppError/notADirectory(path:)`` naming it as given.
    static func directory(_ path: String) throws(AppError) -> String {
        let absolute = Self.absolute(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADirectory(path: path)
        }
        return absolute
    }
}
