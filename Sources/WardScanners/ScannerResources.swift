import Foundation
import WardCore

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
        let sourceDirectory = (#filePath as NSString).deletingLastPathComponent
        return ShippedResource(
            name, bundle: "ward_WardScanners", sourceFolders: [sourceDirectory + "/Resources", sourceDirectory + "/../.."]
        ).locate()
    }
}
