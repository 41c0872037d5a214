import Foundation

/// Files Ward ships for its scanners, such as the Semgrep rule pack.
public struct ScannerResources: Sendable {
    /// Directory of the Semgrep rules, when found.
    public var semgrepRules: String?
    /// The pinned-tools file, when found.
    public var toolPins: String?

    /// Creates resources explicitly (tests, overrides).
    public init(semgrepRules: String?, toolPins: String? = nil) {
        self.semgrepRules = semgrepRules
        self.toolPins = toolPins
    }

    /// Finds the shipped resources: `WARD_SEMGREP_RULES`, then the resource folder beside the
    /// executable, then the source tree this binary was built from.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> ScannerResources {
        let rules = environment["WARD_SEMGREP_RULES"].flatMap { $0.isEmpty ? nil : $0 } ?? find("semgrep")
        return ScannerResources(semgrepRules: rules, toolPins: find("tools/requirements.txt"))
    }

    /// `name` in the resource folder beside the executable, under `../share/ward`, or in the source tree.
    private static func find(_ name: String) -> String? {
        var candidates: [String] = []
        if let executable = Bundle.main.executablePath {
            let directory = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
            candidates.append(directory + "/ward_WardScanners.resources/" + name)
            candidates.append(directory + "/../share/ward/" + name)
        }
        let sourceDirectory = (#filePath as NSString).deletingLastPathComponent
        candidates.append(sourceDirectory + "/Resources/" + name)
        candidates.append(sourceDirectory + "/../../" + name)
        return candidates.first { FileManager.default.fileExists(atPath: $0) }.map { ($0 as NSString).standardizingPath }
    }
}
