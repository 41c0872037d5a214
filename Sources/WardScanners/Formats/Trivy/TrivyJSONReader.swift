import Foundation
import WardCore

/// Reads Trivy's JSON reports: schema 2 (`SchemaVersion`, `ArtifactName`, `Results`; Trivy 0.20 and
/// later), the legacy top-level list of targets (before 0.20, or `null` when nothing was found),
/// and the two shapes of `trivy k8s` (`Resources[].Results`, and the older `Vulnerabilities` /
/// `Misconfigurations` lists of resources).
///
/// Each result class becomes one kind of finding: `Vulnerabilities` dependency findings (container
/// findings for images, root filesystems, VMs and OS packages, with the artifact in
/// `metadata["image"]`), `Misconfigurations` IaC findings (failures only), `Secrets` secret
/// findings (Trivy has already masked the value), `Licenses` license findings.
/// `ExperimentalModifiedFindings` / `ModifiedFindings` (findings a VEX document or an ignore file
/// suppressed) are kept as suppressed findings, and so are vulnerabilities whose `Status` is
/// `not_affected` and misconfigurations whose `Status` is `EXCEPTION`.
struct TrivyJSONReader {
    /// The plugin the findings belong to.
    let toolID: String

    /// Whether `document` has the shape of a Trivy JSON report (schema 2, legacy list, k8s).
    static func isReport(_ document: JSONValue) -> Bool {
        if document.isNull { return true }
        if let targets = document.array { return targets.allSatisfy { $0["Target"].string != nil } }
        return document["SchemaVersion"].int != nil
            || (document["ClusterName"].string != nil
                && (document["Resources"].array != nil || document["Vulnerabilities"].array != nil
                    || document["Misconfigurations"].array != nil))
    }

    /// What one `Results` entry is part of.
    struct Artifact {
        /// `ArtifactName`, or the image a k8s resource runs.
        var name: String?
        /// `ArtifactType` (`container_image`, `filesystem`, `repository`, `rootfs`, `vm`, `cyclonedx`…).
        var type: String?
        /// The Kubernetes resource, for `trivy k8s` reports.
        var resource: String?
    }

    /// Decodes a report whose schema-2 `Results` are `results` (streamed, or the document's own).
    func decode(_ document: JSONValue, results: JSONDocument.Elements?, source: String) throws(ScannerError) -> DecodedReport {
        var entries = Entries()
        if document.isNull { return DecodedReport(findings: []) }
        if let targets = document.array {
            for result in targets {
                try decode(result: result, artifact: Artifact(), into: &entries, source: source)
            }
            return try entries.report(version: nil)
        }
        if document["SchemaVersion"].int != nil {
            guard document["Results"].isNull || results != nil else {
                throw ScannerError.malformedReport(path: source, reason: "Trivy report 'Results' is not a list")
            }
            let artifact = Artifact(name: document["ArtifactName"].string, type: document["ArtifactType"].string)
            for result in results ?? JSONDocument.Elements([]) {
                try decode(result: result, artifact: artifact, into: &entries, source: source)
            }
            return try entries.report(version: document["Trivy"]["Version"].string)
        }
        // trivy k8s: resources, each with its own results.
        let resources = (document["Resources"].array ?? []) + (document["Vulnerabilities"].array ?? [])
            + (document["Misconfigurations"].array ?? [])
        for resource in resources {
            let name = [resource["Namespace"].string, resource["Kind"].string, resource["Name"].string]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "/")
            let results = resource["Results"].array ?? []
            let image = results.first { $0["Class"].string == "os-pkgs" }?["Target"].string.map(Self.imageOfTarget)
            let artifact = Artifact(name: image ?? name, type: "kubernetes", resource: name)
            for result in results {
                try decode(result: result, artifact: artifact, into: &entries, source: source)
            }
        }
        return try entries.report(version: nil)
    }

    /// Findings decoded so far, and entries skipped because they lack what identifies them.
    ///
    /// One incomplete entry (a vulnerability without its id, as hand-trimmed reports have) is noted
    /// and skipped; a report whose entries are all incomplete is not a Trivy report at all.
    private struct Entries {
        var findings: [Finding] = []
        var skipped: [ScannerError] = []

        mutating func add(_ make: () throws(ScannerError) -> Finding?) {
            do {
                if let finding = try make() { findings.append(finding) }
            } catch {
                skipped.append(error)
            }
        }

        func report(version: String?) throws(ScannerError) -> DecodedReport {
            if findings.isEmpty, let first = skipped.first { throw first }
            let notes = skipped.map { error in
                if case .malformedReport(_, let reason) = error { return reason + ": not imported" }
                return error.description
            }
            return DecodedReport(findings: findings, toolVersion: version, skipped: notes)
        }
    }

    /// The findings of one `Results` entry.
    private func decode(result: JSONValue, artifact: Artifact, into entries: inout Entries, source: String) throws(ScannerError) {
        guard let target = result["Target"].string else {
            throw ScannerError.malformedReport(path: source, reason: "Trivy result without a 'Target'")
        }
        let context = TrivyFindingBuilder(toolID: toolID, result: result, target: target, artifact: artifact)
        for vulnerability in result["Vulnerabilities"].array ?? [] {
            entries.add { () throws(ScannerError) in try context.vulnerability(vulnerability, suppression: nil, source: source) }
        }
        for misconfiguration in result["Misconfigurations"].array ?? [] {
            entries.add { () throws(ScannerError) in try context.misconfiguration(misconfiguration, suppression: nil, source: source) }
        }
        for secret in result["Secrets"].array ?? [] {
            entries.add { () throws(ScannerError) in try context.secret(secret, suppression: nil, source: source) }
        }
        for license in result["Licenses"].array ?? [] {
            entries.add { () throws(ScannerError) in try context.license(license, suppression: nil, source: source) }
        }
        let modified = (result["ExperimentalModifiedFindings"].array ?? []) + (result["ModifiedFindings"].array ?? [])
        for entry in modified {
            let why = [entry["Status"].string, entry["Statement"].string].compactMap { $0 }.filter { !$0.isEmpty }
            var justification = why.joined(separator: ": ")
            if let from = entry["Source"].string, !from.isEmpty { justification += " (\(from))" }
            let suppression = Suppression(source: .external, justification: justification.isEmpty ? nil : justification)
            let finding = entry["Finding"]
            switch entry["Type"].string?.lowercased() {
            case "vulnerability":
                entries.add { () throws(ScannerError) in try context.vulnerability(finding, suppression: suppression, source: source) }
            case "misconfiguration":
                entries.add { () throws(ScannerError) in try context.misconfiguration(finding, suppression: suppression, source: source) }
            case "secret":
                entries.add { () throws(ScannerError) in try context.secret(finding, suppression: suppression, source: source) }
            case "license":
                entries.add { () throws(ScannerError) in try context.license(finding, suppression: suppression, source: source) }
            default: continue
            }
        }
    }

    /// `alpine:3.10 (alpine 3.10.2)` → `alpine:3.10`: the image a Trivy OS-package target names.
    static func imageOfTarget(_ target: String) -> String {
        guard target.hasSuffix(")"), let open = target.range(of: " (", options: .backwards) else { return target }
        return String(target[..<open.lowerBound])
    }
}
