import Foundation
import WardCore

/// Reads pip-audit's JSON report: before 2.0 a list of dependencies, from 2.0
/// `{"dependencies": [...], "fixes": [...]}`. A dependency is `{name, version, vulns}` or, when
/// pip-audit could not audit it, `{name, skip_reason}`; each vuln has `id` and `fix_versions`, and
/// `aliases` and `description` unless `--aliases off` / `--desc off` (or an old version) left them out.
///
/// Each vuln of each dependency is one dependency finding on the PyPI package. pip-audit does not
/// say which requirements file named the package, so findings carry no location here; a run places
/// them in the manifests it audited. Skipped dependencies (and skipped fixes, with `--fix`) become
/// notes on the tool run, never silently dropped.
struct PipAuditJSONReader {
    /// Whether `document` has the shape of a pip-audit JSON report.
    static func isReport(_ document: JSONValue) -> Bool {
        guard document["bomFormat"].isNull else { return false }
        let dependencies = document.array ?? document["dependencies"].array
        guard let dependencies else { return false }
        return dependencies.allSatisfy { dependency in
            dependency["name"].string != nil && (dependency["vulns"].array != nil || dependency["skip_reason"].string != nil)
        }
    }

    /// Decodes a parsed report.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        guard let dependencies = document.array ?? document["dependencies"].array else {
            throw ScannerError.malformedReport(path: source, reason: "not a pip-audit report: no 'dependencies' list")
        }
        var findings: [Finding] = []
        var skipped: [String] = []
        for dependency in dependencies {
            guard let name = dependency["name"].string else {
                if dependency.array != nil {
                    throw ScannerError.wrongTool(path: source, expected: "pip-audit", found: "Safety 1.x")
                }
                throw ScannerError.malformedReport(path: source, reason: "pip-audit dependency without 'name'")
            }
            if let reason = dependency["skip_reason"].string {
                skipped.append("\(name): \(reason)")
                continue
            }
            guard let vulns = dependency["vulns"].array else {
                throw ScannerError.malformedReport(path: source, reason: "pip-audit dependency '\(name)' without 'vulns' or 'skip_reason'")
            }
            let version = dependency["version"].text
            for vuln in vulns {
                guard let id = vuln["id"].string else {
                    throw ScannerError.malformedReport(path: source, reason: "pip-audit vulnerability of '\(name)' without 'id'")
                }
                findings.append(Self.finding(
                    id: id, aliases: vuln["aliases"].strings, package: name, version: version, purl: nil,
                    description: vuln["description"].string, fixed: vuln["fix_versions"].strings,
                    severity: (.medium, nil), references: [], raw: Self.adding(["package": .string(name), "version": dependency["version"]], to: vuln)
                ))
            }
        }
        for fix in document["fixes"].array ?? [] {
            if let name = fix["name"].string, let reason = fix["skip_reason"].string {
                skipped.append("\(name) (fix): \(reason)")
            }
        }
        return DecodedReport(findings: findings, skipped: skipped)
    }

    /// `value` with `members` added when it is an object (its own members win).
    static func adding(_ members: [String: JSONValue], to value: JSONValue) -> JSONValue {
        guard case .object(var own) = value else { return value }
        for (key, member) in members where own[key] == nil { own[key] = member }
        return .object(own)
    }

    /// One dependency finding, shared by pip-audit's JSON and CycloneDX readers.
    static func finding(
        id: String, aliases: [String], package: String, version: String?, purl: String?, description: String?,
        fixed: [String], severity: (level: Severity, raw: String?), references: [String], raw: JSONValue
    ) -> Finding {
        var seen: Set<String> = [id]
        let advisory = Advisory(id: id, aliases: aliases.filter { !$0.isEmpty && seen.insert($0).inserted })
        let subject = version.map { "\(package) \($0)" } ?? package
        let message = description.flatMap { $0.isEmpty || $0 == "N/A" ? nil : $0 } ?? "\(subject) is affected by \(id)."
        var links = references
        if id.hasPrefix("PYSEC-") || id.hasPrefix("GHSA-") { links.append("https://osv.dev/vulnerability/\(id)") }
        var urls = Set<String>()
        return Finding(
            toolID: PipAuditScanner.id,
            ruleID: id,
            title: "\(subject): \(advisory.canonicalID)",
            message: message,
            kind: .dependency,
            severity: severity.level,
            rawSeverity: severity.raw,
            advisory: advisory,
            package: PackageReference(ecosystem: "pypi", name: package, installedVersion: version, fixedVersions: fixed,
                                      purl: purl ?? version.map { "pkg:pypi/\(RequirementManifests.normalized(package))@\($0)" }),
            references: links.filter { !$0.isEmpty && urls.insert($0).inserted },
            fixAvailable: !fixed.isEmpty,
            raw: raw.serialized
        )
    }
}

