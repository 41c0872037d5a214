import Foundation
import WardCore

/// Safety (pyup.io), the Python dependency checker, run as `safety check` on the target's
/// requirements files. Reads every JSON report Safety has written: 1.x rows, 2.x and 3.x `check`
/// objects and 3.x `scan` JSON, also when Safety 3's banners surround the document.
///
/// Run: `safety --disable-optional-telemetry-data check --output json --save-json REPORT [tool
/// arguments] --file=PATH…` in a directory of sanitized copies (``RequirementSanitizer``: exact pins
/// only; dropped and unpinned lines are listed on the tool run), one `--file` per `requirements*.txt`
/// of Ward's walk (or only the files given with `--tool-arg safety=--file=PATH`). Safety 2.x reads a local database with
/// `--tool-arg safety=--db=DIR` and then makes no network call. Safety exits 64 when it finds
/// vulnerabilities and 0 when not; any other status (1 failure, 65–69 key, database or network
/// errors) is a failed run.
///
/// Severity: Safety's free database has no severity. A CVSS base score in the report (v3 first,
/// then v2) maps by the usual bands (9.0–10 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low);
/// without one the finding is medium. The raw severity keeps the score (`CVSS v3 9.8`).
public struct SafetyScanner: ToolScanner {
    public static let id = "safety"
    public var id: String { Self.id }
    public var summary: String { "Known vulnerabilities in Python requirements files (Safety)" }
    public var executableName: String { "safety" }

    /// The options of `safety check` that name a requirements file.
    static let fileOptions: Set<String> = ["-r", "--file"]

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.containsFile(where: RequirementManifests.isRequirementsFile)
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        let given = RequirementManifests.optionValues(Self.fileOptions, in: context.extraArguments)
        let chosen = given.isEmpty ? RequirementManifests.discover(in: context.files) : given
        // Safety reads sanitized copies (exact pins only) in a directory of its own, which holds no
        // `.safety-policy.yml`; without a file it would check its own environment, so a missing one
        // fails the run instead.
        let directory = (context.reportPath as NSString).deletingLastPathComponent + "/requirements"
        let (handed, manifests) = RequirementManifests.prepareSanitized(chosen, root: target.root, files: context.files, directory: directory)
        var files = handed
        if files.isEmpty { files = ["requirements.txt"] }
        // `--file=PATH` keeps a path that starts with `-` from reading as an option.
        let arguments = ["--disable-optional-telemetry-data", "check", "--output", "json", "--save-json", context.reportPath]
            + RequirementManifests.removingOptions(Self.fileOptions, from: context.extraArguments) + files.map { "--file=" + $0 }
        return .auditing(arguments, in: directory, reportPath: context.reportPath, manifests: manifests, acceptedExitStatuses: [0, 64])
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let document: JSONValue
        do {
            document = try EmbeddedJSON.parse(data, source: source, accepting: Self.isDocument)
        } catch {
            if Self.isTextReport(data), error.isContentError {
                throw ScannerError.malformedReport(
                    path: source, reason: "Safety's text or screen output, which Ward does not read: use Safety's JSON (`--output json`, or `--json` in 1.x)")
            }
            throw error
        }
        return try SafetyJSONReader().decode(document, source: source)
    }

    /// Whether a JSON document found inside Safety's printed text is its report: an object with
    /// Safety's report keys (`report_meta`, or 3.x `scan` JSON's `scan_results` and `meta`). A bare
    /// 1.x list is read only as the whole output, never picked out of other text (`items=[]` in a
    /// traceback is not a clean report).
    static func isDocument(_ value: JSONValue) -> Bool {
        value["report_meta"].object != nil || SafetyJSONReader.isScanReport(value)
    }

    /// Whether the bytes look like Safety's text, screen or bare output.
    static func isTextReport(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(16_384), as: UTF8.self)
        let markers = ["Vulnerability ID:", "-> Vulnerability found in", "-> Vuln ID", "VULNERABILITIES FOUND", "by pyup.io",
                       "by safetycli.com", "Safety v", "| package ", "Scan was completed", "Dependency vulnerabilities detected"]
        return markers.contains { head.contains($0) }
    }
}
