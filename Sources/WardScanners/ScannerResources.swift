import Foundation

/// Files Ward ships for its scanners, such as the Semgrep rule pack.
public struct ScannerResources: Sendable {
    /// Directory of the Semgrep rules, when found.
    public var semgrepRules: String?

    /// Creates resources explicitly (tests, overrides).
    public init(semgrepRules: String?) {
        self.semgrepRules = semgrepRules
    }

    /// Finds the shipped resources: `WARD_SEMGREP_RULES`, then the resource folder beside the
    /// executable, then the source tree this binary was built from.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> ScannerResources {
        if let override = environment["WARD_SEMGREP_RULES"], !override.isEmpty {
            return ScannerResources(semgrepRules: override)
        }
        let fileManager = FileManager.default
        var candidates: [String] = []
        if let executable = Bundle.main.executablePath {
            let directory = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
            candidates.append(directory + "/ward_WardScanners.resources/semgrep")
            candidates.append(directory + "/../share/ward/semgrep")
        }
        let sourceDirectory = (#filePath as NSString).deletingLastPathComponent
        candidates.append(sourceDirectory + "/Resources/semgrep")
        let found = candidates.first { fileManager.fileExists(atPath: $0) }
        return ScannerResources(semgrepRules: found.map { ($0 as NSString).standardizingPath })
    }
}
