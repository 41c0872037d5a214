import Foundation
import WardScanners
import WardStorage

/// What every front end sets up once before it calls a service.
public enum WardRuntime {
    /// Tools' temporary files go under the data directory's `run`, and a termination signal takes
    /// every tool's process group down with Ward.
    public static func prepare(_ paths: WardPaths) {
        RunDirectory.use(root: paths.dataDirectory + "/run")
        ProcessSupervisor.installTerminationHandlers()
    }

    /// Opens the history database, or an empty one in memory when the scan is not to be `recorded`.
    static func openDatabase(_ paths: WardPaths, recorded: Bool = true) throws(AppError) -> AppDatabase {
        do {
            return recorded ? try AppDatabase.open(path: paths.database) : try AppDatabase.inMemory()
        } catch {
            throw .wrapping(error)
        }
    }

    /// The database's key for identifying secrets.
    static func secretKey(of database: AppDatabase) throws(AppError) -> [UInt8] {
        do {
            return try database.secretKey()
        } catch {
            throw .wrapping(error)
        }
    }
}
