import Foundation
import WardConfig
import WardCore
import WardPolicy
import WardScanners
import WardSecrets

/// The input layers Ward's fuzzers drive, one entry point each.
///
/// Every entry point takes any bytes and must return: refusing bad input with an error is the
/// expected outcome, while a trap, a hang or unbounded memory is a bug. The libFuzzer driver in
/// `FuzzTesting/` calls ``run(_:)`` on generated inputs; the unit tests replay through it every
/// input that once failed (`fixtures/fuzz-regressions/<target>/`).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// ``JSONParser``; a parsed document must serialize to JSON that parses to the same text, and
    /// the streaming ``JSONDocument`` must refuse what the parser refuses with the same error and
    /// otherwise give the same values, its streamed elements put back into its header.
    case json
    /// Every reader of XML reports: Bandit XML, Semgrep and gitleaks JUnit, pip-audit CycloneDX XML.
    case xml
    /// YAML configuration through ``YAMLLoader`` (policies, secret rules, plugin definitions) and
    /// Bandit's YAML reports.
    case yaml
    /// ``PolicyLoader/load(_:environment:)`` on a policy file, and ``TriageFile/load(path:)`` on
    /// the same bytes as a triage file: decoding and every check after it.
    case policy
    /// gitleaks TOML configuration (``GitleaksConfig``) and the rule checks it passes before use.
    case toml
    /// The CSV report readers (Bandit, gitleaks).
    case csv
    /// Every scanner plugin's report decoding, as `ward import` does it, then normalization.
    case reports

    /// Feeds `data` to the layer; returns unless the layer traps.
    public func run(_ data: Data) {
        switch self {
        case .json: Self.json(data)
        case .xml: ReportFeed.shared.decode(data, with: [BanditScanner(), SemgrepScanner(), PipAuditScanner(), GitleaksScanner()])
        case .yaml: Self.yaml(data)
        case .policy: PolicyFile.shared.load(data)
        case .toml: Self.toml(data)
        case .csv: ReportFeed.shared.decode(data, with: [BanditScanner(), GitleaksScanner()])
        case .reports: ReportFeed.shared.decode(data, with: ScannerRegistry.plugins())
        }
    }

    /// Arrays the fuzzed documents have streamed: a SARIF log's results, a top-level list, any list.
    static let streamed: [[String]] = [["runs", "*", "results"], ["results"], ["*"], ["*", "*"]]

    private static func json(_ data: Data) {
        let parsed = Result { () throws(JSONParser.SyntaxError) in try JSONParser.parse(data) }
        let opened = Result { () throws(JSONParser.SyntaxError) in try JSONDocument.open(data, streaming: streamed) }
        switch (parsed, opened) {
        case (.failure(let expected), .failure(let error)):
            precondition(expected == error, "the streaming decoder and the parser refuse a document differently")
        case (.success(let expected), .success(let document)):
            precondition(document.tree == expected, "the streaming decoder's tree differs from the parser's")
            precondition(reassembled(document, at: [], value: document.header) == expected, "streamed elements differ from the parser's")
        default:
            preconditionFailure("the streaming decoder and the parser disagree on whether a document is JSON")
        }
        guard case .success(let value) = parsed else { return }
        let text = value.serialized
        guard let again = try? JSONParser.parse(text) else {
            preconditionFailure("serialized JSON does not parse")
        }
        precondition(again.serialized == text, "serialized JSON does not parse to the same value")
    }

    /// `value` (at `path` in `document`'s header) with every streamed array filled from its elements.
    private static func reassembled(_ document: JSONDocument, at path: [JSONDocument.Step], value: JSONValue) -> JSONValue {
        if let elements = document.elements(at: path) { return .array(Array(elements)) }
        switch value {
        case .object(var object):
            for (key, member) in object { object[key] = reassembled(document, at: path + [.key(key)], value: member) }
            return .object(object)
        case .array(let items):
            return .array(items.enumerated().map { reassembled(document, at: path + [.index($0.offset)], value: $0.element) })
        default:
            return value
        }
    }

    private static func yaml(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = try? DeclarativeScannerSpec.load(yaml: text, path: "plugin.yml")
        if let rules = try? SecretRuleSet.load(yaml: text, path: "secrets.yml") {
            _ = try? rules.validate()
        }
        ReportFeed.shared.decode(data, with: [BanditScanner()])
    }

    private static func toml(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = SecretConfiguration.isGitleaksTOML(path: "gitleaks.toml", text: text)
        guard let configuration = try? GitleaksConfig.parse(text, path: "gitleaks.toml") else { return }
        _ = try? configuration.rules.validate()
    }
}
