import Foundation
import WardCore

/// pip-audit (PyPA), run on the target's requirements files, else on its `pyproject.toml` project.
/// Reads pip-audit's JSON (the pre-2.0 list and the 2.x object, with or without descriptions and
/// aliases), its CycloneDX JSON and XML, and its `columns` and `markdown` tables.
///
/// Run: `pip-audit --format json --output REPORT --progress-spinner off --desc on --aliases on
/// --cache-dir CACHE --no-deps --disable-pip [tool arguments] --requirement=PATH…` in a directory of
/// sanitized copies (``RequirementSanitizer``: exact pins only, so nothing is resolved, downloaded or
/// built; dropped and unpinned lines are listed on the tool run), one `--requirement` per
/// `requirements*.txt`; with none, the `[project] dependencies` of `pyproject.toml`. Files given with
/// `--tool-arg pip-audit=--requirement=PATH`, and `--local` or `--path` (an environment), replace
/// Ward's choice. Offline use: `--vulnerability-service=osv --osv-url=URL` for a mirror, and
/// `--no-deps --disable-pip` for fully pinned files. pip-audit exits 1 when it finds vulnerabilities
/// and 0 when not; any other status is a failed run (a fatal error also exits 1, but writes no report).
///
/// Severity: pip-audit reports none, so findings are medium; a CycloneDX report with `ratings` maps
/// its highest CVSS score by the usual bands, else its highest severity name. Dependencies pip-audit
/// skipped are listed on the tool run.
public struct PipAuditScanner: ToolScanner {
    public static let id = "pip-audit"
    public var id: String { Self.id }
    public var summary: String { "Known vulnerabilities in Python requirements and projects (pip-audit)" }
    public var executableName: String { "pip-audit" }

    /// The options of pip-audit that name a requirements file.
    static let requirementOptions: Set<String> = ["-r", "--requirement"]
    /// The options that make pip-audit audit an environment instead of files.
    static let environmentOptions: Set<String> = ["-l", "--local", "--path"]

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.containsFile(where: RequirementManifests.isRequirementsFile) || inventory.contains(fileName: "pyproject.toml")
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        // Nothing is resolved, downloaded or built: exact pins from sanitized copies, no pip.
        var arguments = ["--format", "json", "--output", context.reportPath, "--progress-spinner", "off",
                         "--desc=on", "--aliases=on", "--cache-dir", context.cacheDirectory, "--no-deps", "--disable-pip"]
        arguments += RequirementManifests.removingOptions(Self.requirementOptions, from: context.extraArguments)
        let given = RequirementManifests.optionValues(Self.requirementOptions, in: context.extraArguments)
        let environment = context.extraArguments.contains { argument in
            Self.environmentOptions.contains(argument) || argument.hasPrefix("--path=")
        }
        let directory = (context.reportPath as NSString).deletingLastPathComponent + "/requirements"
        var manifests: RequirementManifests?
        if !environment {
            var chosen = given.isEmpty ? RequirementManifests.discover(in: context.files) : given
            if chosen.isEmpty, context.files.contains("pyproject.toml") { chosen = ["pyproject.toml"] }
            let (files, prepared) = RequirementManifests.prepareSanitized(chosen, root: target.root, files: context.files, directory: directory)
            manifests = prepared
            // `--requirement=PATH` keeps a path that starts with `-` from reading as an option.
            arguments += (files.isEmpty ? ["requirements.txt"] : files).map { "--requirement=" + $0 }
        }
        return .auditing(arguments, in: directory, reportPath: context.reportPath, manifests: manifests, acceptedExitStatuses: [0, 1])
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let first = data.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if first == UInt8(ascii: "<") {
            return try PipAuditCycloneDXReader().decode(try PipAuditCycloneDXReader.document(fromXML: data, source: source), source: source)
        }
        if first != UInt8(ascii: "{") && first != UInt8(ascii: "["), PipAuditTextReader.isTable(data) {
            return try PipAuditTextReader().decode(data, source: source)
        }
        let document = try ReportJSON.parse(data, source: source)
        if PipAuditCycloneDXReader.isBOM(document) {
            return try PipAuditCycloneDXReader().decode(document, source: source)
        }
        if PipAuditJSONReader.isReport(document) {
            return try PipAuditJSONReader().decode(document, source: source)
        }
        if let rows = document.array, rows.allSatisfy({ $0.array != nil }) {
            throw ScannerError.wrongTool(path: source, expected: "pip-audit", found: "Safety 1.x")
        }
        throw ReportIdentity.refusal(of: document, expected: "pip-audit", source: source,
                                     reason: "not a pip-audit report: no 'dependencies' with 'vulns' or 'skip_reason'")
    }
}
