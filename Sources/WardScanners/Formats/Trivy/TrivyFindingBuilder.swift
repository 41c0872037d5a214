import Foundation
import WardCore

/// Turns the entries of one Trivy `Results` element (a target: a lock file, an image's OS packages,
/// a configuration file, a file holding secrets) into findings.
struct TrivyFindingBuilder {
    let toolID: String
    let result: JSONValue
    let target: String
    let artifact: TrivyJSONReader.Artifact
    /// Lines of each package in its manifest, by package UID and by `PkgID`.
    private let packageLines: [String: (Int, Int?)]

    init(toolID: String, result: JSONValue, target: String, artifact: TrivyJSONReader.Artifact) {
        self.toolID = toolID
        self.result = result
        self.target = target
        self.artifact = artifact
        var lines: [String: (Int, Int?)] = [:]
        for package in result["Packages"].array ?? [] {
            guard let start = package["Locations"][0]["StartLine"].int, start > 0 else { continue }
            let span = (start, package["Locations"][0]["EndLine"].int)
            if let uid = package["Identifier"]["UID"].string { lines["uid:" + uid] = span }
            if let id = package["ID"].string { lines["id:" + id] = span }
        }
        packageLines = lines
    }

    private var resultClass: String? { result["Class"].string }
    private var resultType: String? { result["Type"].string }

    /// Image, root filesystem, VM and OS-package vulnerabilities are container findings.
    private var vulnerabilityKind: FindingKind {
        switch artifact.type {
        case "container_image", "rootfs", "vm", "kubernetes": return .container
        case nil: return resultClass == "os-pkgs" || TrivyEcosystem.isOperatingSystem(resultType) ? .container : .dependency
        default: return resultClass == "os-pkgs" ? .container : .dependency
        }
    }

    /// What every finding of this target records.
    private var baseMetadata: [String: String] {
        var metadata: [String: String] = ["target": target]
        if let resultClass { metadata["class"] = resultClass }
        if let resultType, !resultType.isEmpty { metadata["type"] = resultType }
        if let type = artifact.type { metadata["artifactType"] = type }
        if let name = artifact.name { metadata["artifact"] = name }
        if let resource = artifact.resource { metadata["resource"] = resource }
        return metadata
    }

    func vulnerability(_ vulnerability: JSONValue, suppression: Suppression?, source: String) throws(ScannerError) -> Finding {
        guard let id = vulnerability["VulnerabilityID"].string, let name = vulnerability["PkgName"].string else {
            let package = vulnerability["PkgName"].string.map { " of \($0)" } ?? ""
            throw ScannerError.malformedReport(
                path: source, reason: "Trivy vulnerability\(package) in \(target) without 'VulnerabilityID' or 'PkgName'")
        }
        let rawSeverity = vulnerability["Severity"].string
        let status = vulnerability["Status"].string
        var suppression = suppression
        if suppression == nil, status == "not_affected" {
            suppression = Suppression(source: .external, justification: "Trivy status: not_affected")
        }
        let fixed = (vulnerability["FixedVersion"].string ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let purl = vulnerability["PkgIdentifier"]["PURL"].string
        let kind = vulnerabilityKind
        var metadata = baseMetadata
        if kind == .container {
            metadata["image"] = artifact.name.flatMap { $0.isEmpty ? nil : $0 } ?? TrivyJSONReader.imageOfTarget(target)
        }
        metadata["status"] = status
        metadata["pkgID"] = vulnerability["PkgID"].string
        metadata["severitySource"] = vulnerability["SeveritySource"].string
        metadata["dataSource"] = vulnerability["DataSource"]["Name"].string
        metadata["layer"] = vulnerability["Layer"]["DiffID"].string ?? vulnerability["Layer"]["Digest"].string
        metadata["publishedDate"] = vulnerability["PublishedDate"].string
        metadata.merge(Self.cvss(vulnerability), uniquingKeysWith: { first, _ in first })
        let title = vulnerability["Title"].string ?? id
        let lines = vulnerability["PkgIdentifier"]["UID"].string.flatMap { packageLines["uid:" + $0] }
            ?? vulnerability["PkgID"].string.flatMap { packageLines["id:" + $0] }
        return Finding(
            toolID: toolID,
            ruleID: id,
            ruleName: vulnerability["Title"].string,
            title: ReportText.firstSentence(title),
            message: vulnerability["Description"].string ?? title,
            kind: kind,
            severity: TrivyScanner.severity(rawSeverity),
            rawSeverity: rawSeverity,
            cwes: CWE.normalize(all: vulnerability["CweIDs"].strings),
            advisory: Advisory(id: id, aliases: vulnerability["VendorIDs"].strings.filter { $0 != id }),
            location: SourceLocation(path: vulnerability["PkgPath"].string ?? target, startLine: lines?.0, endLine: lines?.1),
            package: PackageReference(
                ecosystem: TrivyEcosystem.of(purl: purl, type: resultType), name: name,
                installedVersion: vulnerability["InstalledVersion"].string, fixedVersions: fixed, purl: purl
            ),
            references: Self.links(vulnerability),
            fixAvailable: !fixed.isEmpty,
            metadata: metadata,
            suppression: suppression,
            raw: vulnerability.serialized
        )
    }

    /// A failed check, or `nil` for a passed one (`--include-non-failures`).
    func misconfiguration(_ check: JSONValue, suppression: Suppression?, source: String) throws(ScannerError) -> Finding? {
        let status = check["Status"].string?.uppercased()
        if status == "PASS" { return nil }
        guard let reported = check["ID"].string ?? check["AVDID"].string else {
            throw ScannerError.malformedReport(path: source, reason: "Trivy misconfiguration in \(target) without an 'ID'")
        }
        let ruleID = TrivyScanner.checkID(reported, avdID: check["AVDID"].string)
        var suppression = suppression
        if suppression == nil, status == "EXCEPTION" {
            suppression = Suppression(source: .external, justification: "Trivy check exception")
        }
        let cause = check["CauseMetadata"]
        var metadata = baseMetadata
        if ruleID != reported { metadata["trivyID"] = reported }
        metadata["checkType"] = check["Type"].string
        metadata["resolution"] = check["Resolution"].string
        metadata["resourceName"] = cause["Resource"].string.flatMap { $0.isEmpty ? nil : $0 }
        metadata["provider"] = cause["Provider"].string
        metadata["service"] = cause["Service"].string
        var path = target
        var start = cause["StartLine"].int.flatMap { $0 > 0 ? $0 : nil }
        var end = cause["EndLine"].int.flatMap { $0 > 0 ? $0 : nil }
        var snippet = Self.causeLines(cause["Code"])
        // A Terraform module outside the scanned directory: the finding is where the scan root calls it.
        if target.hasPrefix("../"),
           let call = (cause["Occurrences"].array ?? []).last(where: { !($0["Filename"].string ?? "../").hasPrefix("../") }),
           let file = call["Filename"].string {
            metadata["definedIn"] = target + (start.map { ":\($0)" } ?? "")
            path = file
            start = call["Location"]["StartLine"].int.flatMap { $0 > 0 ? $0 : nil }
            end = call["Location"]["EndLine"].int
            snippet = nil
        }
        let title = check["Title"].string ?? ruleID
        return Finding(
            toolID: toolID,
            ruleID: ruleID,
            ruleName: check["Title"].string,
            title: ReportText.firstSentence(title),
            message: check["Message"].string ?? check["Description"].string ?? title,
            kind: .iac,
            severity: TrivyScanner.severity(check["Severity"].string),
            rawSeverity: check["Severity"].string,
            location: SourceLocation(path: path, startLine: start, endLine: start.map { max(end ?? $0, $0) }, snippet: snippet),
            references: Self.links(check),
            metadata: metadata,
            suppression: suppression,
            raw: check.serialized
        )
    }

    /// A secret; Trivy has replaced every byte of the value with `*` in `Code` and `Match`.
    func secret(_ secret: JSONValue, suppression: Suppression?, source: String) throws(ScannerError) -> Finding {
        guard let ruleID = secret["RuleID"].string else {
            throw ScannerError.malformedReport(path: source, reason: "Trivy secret in \(target) without a 'RuleID'")
        }
        let title = secret["Title"].string ?? ruleID
        var metadata = baseMetadata
        metadata["category"] = secret["Category"].string
        metadata["layer"] = secret["Layer"]["DiffID"].string ?? secret["Layer"]["Digest"].string
        let start = secret["StartLine"].int.flatMap { $0 > 0 ? $0 : nil }
        return Finding(
            toolID: toolID,
            ruleID: ruleID,
            ruleName: secret["Title"].string,
            title: ReportText.firstSentence(title),
            message: title,
            kind: .secret,
            severity: TrivyScanner.severity(secret["Severity"].string),
            rawSeverity: secret["Severity"].string,
            location: SourceLocation(path: target, startLine: start, endLine: start.map { max(secret["EndLine"].int ?? $0, $0) },
                                     snippet: Self.causeLines(secret["Code"]) ?? secret["Match"].string),
            metadata: metadata,
            suppression: suppression,
            raw: secret.serialized
        )
    }

    func license(_ license: JSONValue, suppression: Suppression?, source: String) throws(ScannerError) -> Finding {
        guard let name = license["Name"].string else {
            throw ScannerError.malformedReport(path: source, reason: "Trivy license in \(target) without a 'Name'")
        }
        let package = license["PkgName"].string.flatMap { $0.isEmpty ? nil : $0 }
        let category = license["Category"].string
        let title = package.map { "\($0) is licensed \(name)" } ?? "License \(name)"
        var metadata = baseMetadata
        metadata["category"] = category
        let path = license["FilePath"].string.flatMap { $0.isEmpty ? nil : $0 } ?? target
        return Finding(
            toolID: toolID,
            ruleID: name,
            ruleName: name,
            title: title,
            message: category.map { "\(title) (\($0))" } ?? title,
            kind: .license,
            severity: TrivyScanner.severity(license["Severity"].string),
            rawSeverity: license["Severity"].string,
            confidence: license["Confidence"].text,
            location: SourceLocation(path: path),
            package: package.map { PackageReference(ecosystem: TrivyEcosystem.of(purl: nil, type: resultType), name: $0) },
            references: [license["Link"].string].compactMap { $0 }.filter { !$0.isEmpty },
            metadata: metadata,
            suppression: suppression,
            raw: license.serialized
        )
    }

    /// The lines Trivy marks as the cause, joined; `nil` when it gives none.
    static func causeLines(_ code: JSONValue) -> String? {
        let lines = (code["Lines"].array ?? []).filter { $0["IsCause"].bool == true }.compactMap { $0["Content"].string }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// `PrimaryURL` then `References`, without repeats.
    static func links(_ entry: JSONValue) -> [String] {
        var seen = Set<String>()
        return ([entry["PrimaryURL"].string].compactMap { $0 } + entry["References"].strings)
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The CVSS scores and vectors of the severity source (else NVD, else the first source).
    static func cvss(_ vulnerability: JSONValue) -> [String: String] {
        guard let sources = vulnerability["CVSS"].object, !sources.isEmpty else { return [:] }
        let preferred = [vulnerability["SeveritySource"].string, "nvd"].compactMap { $0 }.first { sources[$0] != nil }
        guard let name = preferred ?? sources.keys.sorted().first, let scores = sources[name] else { return [:] }
        var metadata = ["cvssSource": name]
        for (key, field) in [("cvssV40Score", "V40Score"), ("cvssV40Vector", "V40Vector"), ("cvssV3Score", "V3Score"),
                             ("cvssV3Vector", "V3Vector"), ("cvssV2Score", "V2Score"), ("cvssV2Vector", "V2Vector")] {
            if let value = scores[field].text, !value.isEmpty { metadata[key] = value }
        }
        return metadata
    }
}
