import Foundation
import WardCore

/// `ward-server`, the program `ward serve` runs: a separate executable, so that `ward` itself
/// carries no HTTP server. Found as Ward finds its shipped files: `WARD_SERVER`, then beside `ward`.
public enum ServerProgram {
    /// Where `ward-server` may be.
    public static let resource: ShippedResource = {
        var resource = ShippedResource("ward-server", overrideVariable: "WARD_SERVER", sourceFolders: [])
        resource.besideExecutable = true
        return resource
    }()

    /// The path of an executable `ward-server`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(AppError) -> String {
        guard let path = resource.locate(environment: environment, isPresent: FileManager.default.isExecutableFile(atPath:)) else {
            throw .toolsNotInstalled(reason: "ward-server is not installed beside ward (set WARD_SERVER to its path)")
        }
        return path
    }
}
