import Foundation
import WardCore

/// Reads a Semgrep Supply Chain export (the deployments' `vulns` API, `{"vulns": [...]}`), which no
/// CLI writes. Each entry is a vulnerable dependency: kind `.dependency`, with the advisory (rule
/// id, CVE and GHSA ids), the matched package and its closest safe version, and the manifest or
/// lock file line where the dependency is declared. An export of a deployment's several
/// repositories puts each repository's name in front of its paths.
struct SemgrepSupplyChainReader {
    /// Whether `document` is such an export: a `vulns` array of advisory matches.
    static func isExport(_ document: JSONValue) -> Bool {
        guard let vulns = document["vulns"].array, document["results"].isNull else { return false }
        return vulns.allSatisfy { $0["advisory"].object != nil || $0["matchedDependency"].object != nil }
    }

    /// Decodes a parsed export.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        let vulns = document["vulns"].array ?? []
        var findings: [Finding] = []
        for vuln in vulns {
            findings.append(try finding(vuln, source: source))
        }
        let repositories = vulns.map { $0["repositoryName"].string ?? $0["repositoryId"].text }
        return DecodedReport(findings: SemgrepAppSecExportReader.separatingRepositories(findings, repositories: repositories))
    }

    private func finding(_ vuln: JSONValue, source: String) throws(ScannerError) -> Finding {
        let advisory = vuln["advisory"]
        guard let ruleID = advisory["ruleId"].string ?? advisory["references"]["cveIds"][0].string else {
            throw ScannerError.malformedReport(path: source, reason: "Semgrep Supply Chain entry without 'advisory.ruleId'")
        }
        let references = advisory["references"]
        let urls = references["urls"].strings
        let ghsas = references["ghsaIds"].strings + urls.compactMap(Self.ghsa)
        let title = vuln["title"].string ?? advisory["title"].string ?? ruleID
        let message = advisory["description"].string ?? title
        let rawSeverity = advisory["severity"].string ?? vuln["severity"].string
        let dependency = vuln["matchedDependency"]
        let safe = [vuln["closestSafeDependency"]] + (advisory["safeDependencies"].array ?? [])
        let fixed = safe.filter { $0["name"].string == dependency["name"].string }.compactMap { $0["versionSpecifier"].string }
        var metadata: [String: String] = [:]
        let kept = [("exposure", vuln["exposureType"]), ("reachability", advisory["reachability"]), ("transitivity", vuln["transitivity"]),
                    ("triage", vuln["triage"]["status"]), ("repository", vuln["repositoryName"]), ("owasp", references["owaspIds"])]
        for (key, value) in kept where !value.strings.isEmpty {
            metadata[key] = value.strings.joined(separator: "; ")
        }
        let ignored = vuln["triage"]["status"].string?.uppercased() == "IGNORED"
        var seen = Set<String>()
        let aliases = (references["cveIds"].strings + ghsas).filter { seen.insert($0).inserted }
        return Finding(
            toolID: SemgrepScanner.id,
            ruleID: ruleID,
            ruleName: advisory["title"].string,
            title: ReportText.firstSentence(title),
            message: message,
            kind: .dependency,
            severity: SemgrepScanner.severity(rawSeverity),
            rawSeverity: rawSeverity,
            cwes: CWE.normalize(all: references["cweIds"].strings),
            advisory: Advisory(id: ruleID, aliases: aliases),
            location: Self.location(vuln["dependencyFileLocation"]) ?? Self.location(vuln["usages"][0]["location"]),
            package: dependency["name"].string.map { name in
                PackageReference(ecosystem: Self.ecosystem(vuln), name: name,
                                 installedVersion: dependency["versionSpecifier"].string, fixedVersions: Array(Set(fixed)).sorted())
            },
            references: urls,
            fixAvailable: !fixed.isEmpty,
            metadata: metadata,
            suppression: ignored ? Suppression(source: .external, justification: vuln["triage"]["dismissReason"].string) : nil,
            raw: vuln.serialized
        )
    }

    /// A file location with string or number fields; `0` means absent.
    static func location(_ value: JSONValue) -> SourceLocation? {
        guard let path = value["path"].string, !path.isEmpty else { return nil }
        let positive = { (field: String) in value[field].int.flatMap { $0 > 0 ? $0 : nil } }
        return SourceLocation(path: path, startLine: positive("startLine"), endLine: positive("endLine"),
                              startColumn: positive("startCol"), endColumn: positive("endCol"))
    }

    /// The GHSA id in an advisory link.
    static func ghsa(_ url: String) -> String? {
        guard let range = url.range(of: "GHSA-") else { return nil }
        return String(url[range.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" })
    }

    /// The package ecosystem: from the manifest's file name when it tells, else the advisory's.
    static func ecosystem(_ vuln: JSONValue) -> String {
        let file = (vuln["dependencyFileLocation"]["path"].string ?? "").split(separator: "/").last.map(String.init) ?? ""
        let byFile: [(String, String)] = [
            ("packages.lock.json", "nuget"), ("requirements", "pypi"), ("Pipfile", "pypi"), ("poetry.lock", "pypi"),
            ("pyproject.toml", "pypi"), ("uv.lock", "pypi"),
            ("package", "npm"), ("yarn.lock", "npm"), ("pnpm-lock", "npm"), ("npm-shrinkwrap", "npm"), ("Gemfile", "gem"),
            ("go.mod", "golang"), ("go.sum", "golang"), ("pom.xml", "maven"), ("build.gradle", "maven"), ("gradle.lockfile", "maven"),
            ("Cargo.lock", "cargo"), ("composer.lock", "composer"),
        ]
        if let match = byFile.first(where: { file.hasPrefix($0.0) }) { return match.1 }
        let declared = (vuln["advisory"]["ecosystem"].string ?? "").lowercased()
        return declared == "gomod" ? "golang" : (declared.isEmpty ? "unknown" : declared)
    }
}
