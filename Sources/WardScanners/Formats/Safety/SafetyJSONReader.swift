import Foundation
import WardCore

/// Reads every JSON report shape Safety has written, told apart by shape:
///
/// - 1.x `check --json`: a list of `[name, spec, version, advisory, id, cvssv2, cvssv3]` rows
///   (the last two `null` without an API key);
/// - 2.x and 3.x `check --output json` / `--save-json`: an object with `report_meta`,
///   `vulnerabilities`, `ignored_vulnerabilities`, `affected_packages` and `remediations` (3.x adds
///   `analyzed_requirement` and absolute `scanned_full_path`s);
/// - 3.x `scan --output json` (`meta.schema_version` 3.0): `scan_results` with projects, files,
///   dependencies and the ids of their known vulnerabilities (no advisory text, CVE or severity).
///
/// Each vulnerability is one dependency finding on the PyPI package, in the requirements file the
/// report names (relative paths as Safety printed them; 3.x absolute paths made relative to the
/// scanned project). Vulnerabilities Safety ignored (policy file, `--ignore`) are kept, suppressed.
struct SafetyJSONReader {
    /// Decodes a parsed report.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        if let rows = document.array { return try decodeRows(rows, source: source) }
        if Self.isScanReport(document) { return try decodeScan(document, source: source) }
        if document["report_meta"].object != nil {
            guard document["vulnerabilities"].array != nil else {
                let what = document["licenses"].array != nil ? "a Safety license report" : "a Safety report without 'vulnerabilities'"
                throw ScannerError.malformedReport(path: source, reason: "\(what), not a vulnerability report")
            }
            return try decodeCheck(document, source: source)
        }
        if document["spdxVersion"].string != nil {
            throw ScannerError.malformedReport(path: source, reason: "an SPDX SBOM, which lists packages but no vulnerabilities")
        }
        if document["bomFormat"].string != nil {
            throw ScannerError.wrongTool(path: source, expected: "Safety", found: "CycloneDX")
        }
        throw ReportIdentity.refusal(of: document, expected: "Safety", source: source,
                                     reason: "not a Safety report: no 'vulnerabilities' with 'report_meta', no 'scan_results', no 1.x rows")
    }

    /// Whether a document is Safety 3's `scan` JSON.
    static func isScanReport(_ document: JSONValue) -> Bool {
        document["scan_results"].object != nil && document["meta"].object != nil
    }

    // MARK: 1.x rows

    private func decodeRows(_ rows: [JSONValue], source: String) throws(ScannerError) -> DecodedReport {
        var findings: [Finding] = []
        for row in rows {
            guard let fields = row.array else {
                if row["vulns"].array != nil || row["skip_reason"].string != nil {
                    throw ScannerError.wrongTool(path: source, expected: "Safety", found: "pip-audit")
                }
                throw ScannerError.malformedReport(path: source, reason: "not a Safety 1.x report: a row is not a list")
            }
            guard fields.count >= 5, let name = fields[0].string, let id = fields[4].text else {
                throw ScannerError.malformedReport(path: source, reason: "Safety 1.x row without package name and vulnerability id")
            }
            findings.append(Self.finding(
                id: id, package: name, version: fields[2].text, specs: fields[1].strings, advisory: fields[3].string,
                cves: [], severity: Self.severity(cvssv2: row[5], cvssv3: row[6]), fixed: [], references: [],
                manifest: nil, suppression: nil, metadata: [:], raw: row
            ))
        }
        return DecodedReport(findings: findings)
    }

    // MARK: 2.x and 3.x check

    private func decodeCheck(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        let meta = document["report_meta"]
        var findings: [Finding] = []
        let lists: [(JSONValue, Bool)] = [(document["vulnerabilities"], false), (document["ignored_vulnerabilities"], true)]
        for (list, ignored) in lists {
            for vulnerability in list.array ?? [] {
                findings.append(try checkFinding(vulnerability, in: document, ignored: ignored, source: source))
            }
        }
        let errors = (document["announcements"].array ?? []).filter { $0["type"].string == "error" }.compactMap { $0["message"].string }
        return DecodedReport(findings: findings, toolVersion: meta["safety_version"].string ?? meta["telemetry"]["safety_version"].string,
                             toolErrors: errors)
    }

    private func checkFinding(_ vulnerability: JSONValue, in document: JSONValue, ignored: Bool, source: String) throws(ScannerError) -> Finding {
        guard let id = vulnerability["vulnerability_id"].text, let name = vulnerability["package_name"].string else {
            throw ScannerError.malformedReport(path: source, reason: "Safety vulnerability without 'vulnerability_id' or 'package_name'")
        }
        let cve = vulnerability["CVE"].string ?? vulnerability["CVE"]["name"].string
        var specs = vulnerability["vulnerable_spec"].strings
        if specs.isEmpty { specs = vulnerability["all_vulnerable_specs"].strings }
        var severity = Self.severity(cvssv2: vulnerability["severity"]["cvssv2"], cvssv3: vulnerability["severity"]["cvssv3"])
        if severity.raw == nil {
            severity = Self.severity(cvssv2: vulnerability["CVE"]["cvssv2"], cvssv3: vulnerability["CVE"]["cvssv3"])
        }
        var fixed = vulnerability["fixed_versions"].strings
        if fixed.isEmpty { fixed = Self.recommendedVersions(for: name, in: document["remediations"]) }
        let isIgnored = ignored || vulnerability["ignored"].bool == true || !(vulnerability["ignored"].object ?? [:]).isEmpty
        var metadata: [String: String] = [:]
        if vulnerability["is_transitive"].bool == true { metadata["transitive"] = "true" }
        if let published = vulnerability["published_date"].text { metadata["published"] = published }
        return Self.finding(
            id: id, package: name,
            version: vulnerability["analyzed_version"].text ?? vulnerability["installed_version"].text,
            specs: specs, advisory: vulnerability["advisory"].string, cves: cve.map { [$0] } ?? [],
            severity: severity, fixed: fixed,
            references: vulnerability["more_info_url"].strings + vulnerability["resources"].strings,
            manifest: Self.manifest(of: vulnerability, package: name, in: document),
            suppression: isIgnored ? Suppression(source: .external, justification: vulnerability["ignored_reason"].string ?? "ignored by Safety") : nil,
            metadata: metadata, raw: vulnerability
        )
    }

    /// The requirements file that named the package: 3.x `analyzed_requirement.found`, else the
    /// package's `found` in `affected_packages`, else the only scanned file.
    static func manifest(of vulnerability: JSONValue, package: String, in document: JSONValue) -> String? {
        let meta = document["report_meta"]
        if meta["scan_target"].string == "environment" { return nil }
        let scanned = meta["scanned"].strings
        let fullPaths = meta["scanned_full_path"].strings
        func relative(_ found: String) -> String {
            if let index = fullPaths.firstIndex(of: found), scanned.indices.contains(index) { return scanned[index] }
            return found
        }
        if let found = vulnerability["analyzed_requirement"]["found"].string, !found.isEmpty { return relative(found) }
        let name = RequirementManifests.normalized(package)
        for (key, entry) in document["affected_packages"].object ?? [:]
        where RequirementManifests.normalized(entry["name"].string ?? key) == name {
            if let found = entry["found"].string, !found.isEmpty { return relative(found) }
            if let found = entry["requirements"][0]["found"].string, !found.isEmpty { return relative(found) }
        }
        return scanned.count == 1 ? scanned[0] : nil
    }

    /// The versions a remediation recommends for a package (2.x flat, 3.x per requirement).
    static func recommendedVersions(for package: String, in remediations: JSONValue) -> [String] {
        let name = RequirementManifests.normalized(package)
        var versions: [String] = []
        for (key, remediation) in remediations.object ?? [:] where RequirementManifests.normalized(key) == name {
            let entries = [remediation] + (remediation["requirements"].object ?? [:]).keys.sorted().map { remediation["requirements"][$0] }
            for entry in entries {
                versions += entry["recommended_version"].strings + entry["other_recommended_versions"].strings
            }
        }
        var seen = Set<String>()
        return versions.filter { seen.insert($0).inserted }
    }

    // MARK: 3.x scan

    private func decodeScan(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        let meta = document["meta"]
        let results = document["scan_results"]
        var findings: [Finding] = []
        for project in results["projects"].array ?? [] {
            for file in project["files"].array ?? [] {
                findings += try scanFindings(file, base: project["location"].string, source: source)
            }
        }
        for file in results["files"].array ?? [] {
            findings += try scanFindings(file, base: meta["scan_locations"][0].string, source: source)
        }
        return DecodedReport(findings: findings, toolVersion: meta["telemetry"]["safety_version"].string)
    }

    private func scanFindings(_ file: JSONValue, base: String?, source: String) throws(ScannerError) -> [Finding] {
        let manifest = file["location"].string.map { Self.relative($0, to: base) }
        var findings: [Finding] = []
        for dependency in file["results"]["dependencies"].array ?? [] {
            guard let name = dependency["name"].string else {
                throw ScannerError.malformedReport(path: source, reason: "Safety scan dependency without 'name'")
            }
            for specification in dependency["specifications"].array ?? [] {
                let vulnerabilities = specification["vulnerabilities"]
                let remediation = vulnerabilities["remediation"]
                var fixed = remediation["recommended"].strings + remediation["other_recommended"].strings
                if fixed.isEmpty { fixed = remediation["closest_secure"].strings + remediation["closest_secure"]["upper"].strings }
                for known in vulnerabilities["known_vulnerabilities"].array ?? [] {
                    guard let id = known["id"].text else {
                        throw ScannerError.malformedReport(path: source, reason: "Safety scan vulnerability without 'id'")
                    }
                    let ignored = known["ignored"]
                    let isIgnored = ignored.bool == true || !(ignored.object ?? [:]).isEmpty
                    findings.append(Self.finding(
                        id: id, package: name, version: Self.pinnedVersion(specification["raw"].string),
                        specs: known["vulnerable_spec"].strings, advisory: known["advisory"].string,
                        cves: known["cve"].strings + known["CVE"].strings,
                        severity: Self.severity(cvssv2: known["severity"]["cvssv2"], cvssv3: known["severity"]["cvssv3"]),
                        fixed: fixed, references: known["more_info_url"].strings, manifest: manifest,
                        suppression: isIgnored ? Suppression(source: .external, justification: ignored["reason"].string ?? "ignored by Safety") : nil,
                        metadata: [:], raw: known
                    ))
                }
            }
        }
        return findings
    }

    /// `path` relative to `base` when it lies under it, else unchanged.
    static func relative(_ path: String, to base: String?) -> String {
        guard let base, !base.isEmpty else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The version an `==` pin names in a requirement line (`pyyaml==3.13  # via x` → `3.13`).
    static func pinnedVersion(_ raw: String?) -> String? {
        guard let raw, let range = raw.range(of: "==") else { return nil }
        let version = raw[range.upperBound...].drop { $0 == "=" || $0.isWhitespace }.prefix { !$0.isWhitespace && $0 != ";" && $0 != "#" && $0 != "," }
        return version.isEmpty ? nil : String(version)
    }

    // MARK: Shared

    /// Severity from a CVSS base score (v3 first, then v2) or a CVSS severity name; medium without either.
    static func severity(cvssv2: JSONValue, cvssv3: JSONValue) -> (level: Severity, raw: String?) {
        for (label, cvss) in [("CVSS v3", cvssv3), ("CVSS v2", cvssv2)] {
            if let score = cvss["base_score"].double {
                return (Severity(cvssScore: score), "\(label) \(String(format: "%.1f", score))")
            }
        }
        for cvss in [cvssv3, cvssv2] {
            if let name = cvss["base_severity"].string, let level = Severity(parsing: name) { return (level, name) }
        }
        return (.medium, nil)
    }

    /// One dependency finding.
    static func finding(
        id: String, package: String, version: String?, specs: [String], advisory: String?, cves: [String],
        severity: (level: Severity, raw: String?), fixed: [String], references: [String], manifest: String?,
        suppression: Suppression?, metadata: [String: String], raw: JSONValue
    ) -> Finding {
        var seen: Set<String> = [id]
        let aliases = cves.filter { !$0.isEmpty && seen.insert($0).inserted }
        let reference = Advisory(id: id, aliases: aliases)
        let subject = version.map { "\(package) \($0)" } ?? package
        var kept = metadata
        if !specs.isEmpty { kept["vulnerableSpec"] = specs.joined(separator: ", ") }
        let message = advisory.flatMap { $0.isEmpty ? nil : $0.replacingOccurrences(of: "\r\n", with: "\n") }
            ?? "\(subject) matches the vulnerable specifier \(kept["vulnerableSpec"] ?? "?") of Safety advisory \(id)."
        var urls = Set<String>()
        return Finding(
            toolID: SafetyScanner.id,
            ruleID: id,
            title: "\(subject): \(reference.canonicalID)",
            message: message,
            kind: .dependency,
            severity: severity.level,
            rawSeverity: severity.raw,
            advisory: reference,
            location: manifest.map { SourceLocation(path: $0) },
            package: PackageReference(ecosystem: "pypi", name: package, installedVersion: version, fixedVersions: fixed,
                                      purl: version.map { "pkg:pypi/\(RequirementManifests.normalized(package))@\($0)" }),
            references: references.filter { !$0.isEmpty && urls.insert($0).inserted },
            fixAvailable: !fixed.isEmpty,
            metadata: kept,
            suppression: suppression,
            raw: raw.serialized
        )
    }
}
