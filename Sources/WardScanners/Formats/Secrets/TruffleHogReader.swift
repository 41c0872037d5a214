import Foundation
import WardCore

/// Reads the JSON reports of the TruffleHog family:
///
/// - TruffleHog v3 (`trufflehog … --json`): JSON lines with `DetectorName`, `Verified`, `Raw`,
///   `RawV2`, `Redacted` and the source's file and line under `SourceMetadata.Data.<source>`.
///   Early v3 versions wrote `Raw` base64-encoded (Go bytes) and had no `RawV2`.
/// - truffleHog 2 (`trufflehog --json`): JSON lines with `reason`, `path`, `stringsFound` and the
///   whole commit diff, which is not kept.
/// - trufflehog3 (feeltheajf/trufflehog3 `-f JSON`): a list of `rule`/`path`/`line`/`secret`/`context`
///   objects, or of truffleHog 2 style objects in its legacy layout.
///
/// Every clear value goes to ``DecodedFinding/secret``; the values beside it (`RawV2` and the part
/// of it that is not `Raw`, the base64 form of an early `Raw`, the other strings found) go to
/// ``DecodedFinding/maskedValues``, so neither the finding nor the source line it points at keeps them.
struct TruffleHogReader {
    /// The layouts told apart.
    enum Layout: Equatable {
        case v3, v2, trufflehog3
    }

    /// The layout of one object, or `nil` when it is none of them.
    static func layout(of object: JSONValue) -> Layout? {
        if object["DetectorName"].string != nil || object["DetectorType"].int != nil, object["SourceMetadata"].object != nil { return .v3 }
        if object["stringsFound"].array != nil, object["path"].string != nil { return .v2 }
        if object["rule"]["id"].string != nil, object["path"].string != nil { return .trufflehog3 }
        return nil
    }

    /// Whether `document` is a TruffleHog report (an object of one line, or a list).
    static func isReport(_ document: JSONValue) -> Bool {
        if let first = document.array?.first { return layout(of: first) != nil }
        return layout(of: document) != nil
    }

    /// Whether a JSON-lines object is a log line TruffleHog v3 may mix in (`level`, `msg`).
    static func isLogLine(_ object: JSONValue) -> Bool {
        object["msg"].string != nil && object["level"].string != nil && layout(of: object) == nil
    }

    /// Decodes parsed objects, one finding each.
    func decode(_ objects: [JSONValue], source: String) throws(ScannerError) -> DecodedReport {
        var report = DecodedReport(findings: [])
        for (index, object) in objects.enumerated() where !Self.isLogLine(object) {
            guard let layout = Self.layout(of: object) else {
                if index == 0 {
                    let producer = ReportIdentity.producer(of: object)
                    if producer != "unrecognized" && producer != "TruffleHog" {
                        throw ScannerError.wrongTool(path: source, expected: "TruffleHog", found: producer)
                    }
                }
                throw ScannerError.malformedReport(path: source, reason: "TruffleHog finding \(index + 1) is not in a layout Ward reads")
            }
            let (finding, secret, masked) = switch layout {
            case .v3: Self.v3(object)
            case .v2: Self.v2(object)
            case .trufflehog3: Self.trufflehog3(object)
            }
            report.append(finding, secret: secret, maskedValues: masked)
        }
        return report
    }

    /// A TruffleHog v3 result.
    static func v3(_ object: JSONValue) -> (Finding, String?, [String]) {
        let detector = object["DetectorName"].string ?? object["DetectorType"].text ?? "unknown"
        let verified = object["Verified"].bool == true
        let data = object["SourceMetadata"]["Data"]
        let source = data.object?.sorted { $0.key < $1.key }.first
        let sourceData = source?.value ?? .null
        let path = sourceData["file"].string ?? sourceData["path"].string ?? sourceData["link"].string ?? ""
        let line = sourceData["line"].int
        let rawText = object["Raw"].string ?? ""
        let rawV2 = object["RawV2"].string ?? ""
        // Before RawV2 existed, Raw was Go bytes, which JSON encodes as base64.
        let decodedRaw = object["RawV2"].isNull ? base64Text(rawText) : nil
        let secret = decodedRaw ?? rawText
        var metadata: [String: String] = ["verified": String(verified)]
        if let name = source?.key { metadata["source"] = name.lowercased() }
        for key in ["commit", "repository", "image", "layer", "bucket", "timestamp"] {
            if let value = sourceData[key].text, !value.isEmpty { metadata[key] = value }
        }
        if let error = object["VerificationError"].string, !error.isEmpty { metadata["verificationError"] = error }
        if let type = object["DecoderName"].string, !type.isEmpty { metadata["decoder"] = type }
        let finding = Finding(
            toolID: TruffleHogScanner.id,
            ruleID: detector,
            ruleName: object["DetectorDescription"].string,
            title: "\(detector) secret" + (verified ? " (verified live)" : ""),
            message: "TruffleHog's \(detector) detector found a " + (verified ? "credential it verified as live" : "possible credential")
                + (metadata["commit"].map { " (commit \($0))" } ?? ""),
            kind: .secret,
            severity: verified ? .critical : .high,
            rawSeverity: verified ? "verified" : "unverified",
            location: path.isEmpty ? nil : SourceLocation(path: path, startLine: line, endLine: line),
            metadata: metadata,
            raw: object.serialized
        )
        // RawV2 usually joins a key id (Raw) and its key; the key on its own must go too.
        var others = [rawV2, decodedRaw == nil ? "" : rawText]
        if !secret.isEmpty, let range = LiteralText.firstRange(of: secret, in: rawV2) {
            let rest = String(rawV2[..<range.lowerBound]) + "\u{1F}" + String(rawV2[range.upperBound...])
            others += rest.split(separator: "\u{1F}").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ":;,| \t")) }
        }
        return (finding, secret, others.filter { $0.count >= 4 && $0 != secret })
    }

    /// A truffleHog 2 result (or trufflehog3's legacy layout); the commit diff is dropped.
    static func v2(_ object: JSONValue) -> (Finding, String?, [String]) {
        let reason = object["reason"].string ?? "unknown"
        let strings = object["stringsFound"].strings.filter { !$0.isEmpty }
        var kept = object.object ?? [:]
        kept["diff"] = nil
        kept["printDiff"] = nil
        var metadata: [String: String] = [:]
        for (key, name) in [("commitHash", "commit"), ("branch", "branch"), ("date", "date")] {
            if let value = object[key].text, !value.isEmpty { metadata[name] = value }
        }
        let finding = Finding(
            toolID: TruffleHogScanner.id,
            ruleID: reason,
            title: reason,
            message: "truffleHog found \(strings.count) string\(strings.count == 1 ? "" : "s") matching '\(reason)'"
                + (metadata["commit"].map { " in commit \($0)" } ?? ""),
            kind: .secret,
            severity: .high,
            location: SourceLocation(path: object["path"].string ?? ""),
            metadata: metadata,
            raw: JSONValue.object(kept).serialized
        )
        // Several strings: their sorted list identifies the finding, and each is masked on its own.
        return (finding, strings.isEmpty ? nil : strings.sorted().joined(separator: "\n"), strings)
    }

    /// A trufflehog3 result in its current layout.
    static func trufflehog3(_ object: JSONValue) -> (Finding, String?, [String]) {
        let rule = object["rule"]
        let ruleID = rule["id"].string ?? "unknown"
        let line = object["line"].int
        let context = object["context"]
        let rawSeverity = rule["severity"].string
        var metadata: [String: String] = [:]
        for key in ["commit", "branch", "date"] {
            if let value = object[key].text, !value.isEmpty { metadata[key] = value }
        }
        let finding = Finding(
            toolID: TruffleHogScanner.id,
            ruleID: ruleID,
            ruleName: rule["message"].string,
            title: rule["message"].string ?? ruleID,
            message: "trufflehog3 rule \(ruleID) matched " + (rule["message"].string.map { "(\($0))" } ?? "a secret")
                + (metadata["commit"].map { " in commit \($0)" } ?? ""),
            kind: .secret,
            severity: TruffleHogScanner.severity(rawSeverity),
            rawSeverity: rawSeverity,
            location: SourceLocation(path: object["path"].string ?? "", startLine: line, endLine: line,
                                     snippet: line.flatMap { context[String($0)].string }),
            metadata: metadata,
            raw: object.serialized
        )
        return (finding, object["secret"].string, [])
    }

    /// `text` decoded from base64 when it is strict base64 of printable UTF-8 text, else `nil`.
    static func base64Text(_ text: String) -> String? {
        guard text.count >= 8, text.count % 4 == 0,
              text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=") }),
              let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8),
              !decoded.isEmpty, decoded.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F || $0 == "\n" || $0 == "\t" })
        else { return nil }
        return decoded
    }
}
