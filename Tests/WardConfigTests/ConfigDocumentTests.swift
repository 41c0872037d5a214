import Foundation
import Testing
import WardConfig
import WardCore

/// Every sort of document names itself in its errors, refuses unknown keys at the key, and a YAML
/// report becomes a JSON tree without letting a hostile file expand, nest or hide a type.
@Suite struct ConfigDocumentTests {
    struct Spec: Decodable {
        var id: String
        init(from decoder: any Decoder) throws {
            try ConfigKeys.refuseUnknown(in: decoder, allowed: ["id"])
            id = try decoder.container(keyedBy: AnyKey.self).decode(String.self, forKey: AnyKey(stringValue: "id"))
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    @Test(arguments: [
        (ConfigKind.policy, "f.yml:2:1: policy: .ids: unknown key; expected one of id"),
        (.pluginSpec, "f.yml:2:1: plugin spec: .ids: unknown key; expected one of id"),
        (.secretRules, "f.yml:2:1: secret rules: .ids: unknown key; expected one of id"),
        (.banditReport, "f.yml:2:1: bandit report: .ids: unknown key; expected one of id"),
    ])
    func everyErrorNamesTheKindOfDocumentAndTheKeyItself(kind: ConfigKind, message: String) {
        #expect(throws: ConfigError.unknownKey(at: ConfigLocation(path: "f.yml", kind: kind, line: 2, column: 1, keyPath: ".ids"), allowed: ["id"])) {
            _ = try YAMLLoader.decode(Spec.self, text: "id: a\nids: [b]\n", path: "f.yml", kind: kind)
        }
        do {
            _ = try YAMLLoader.decode(Spec.self, text: "id: a\nids: [b]\n", path: "f.yml", kind: kind)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func anUnreadableFileNamesItsKind() throws {
        let error = #expect(throws: ConfigError.self) { try YAMLLoader.text(atPath: "/nonexistent/rules.yml", kind: .secretRules) }
        #expect(error?.description == "/nonexistent/rules.yml: secret rules: cannot read: no such file")
    }

    func tree(_ text: String, depth: Int = 64) throws(ConfigError) -> JSONValue {
        let root = try YAMLLoader.compose(text: text, path: "r.yaml", kind: .banditReport)
        return try root?.jsonValue(maximumDepth: depth, maximumValues: 2 * text.utf8.count + 1024) ?? .null
    }

    @Test func readsPlainScalarsAsYAMLTypesAndQuotedOnesAsText() throws {
        let value = try tree("a: 1\nb: '1'\nc: 1.5\nd: true\ne: ~\nf: 2024-01-01T00:00:00Z\ng: [x, &l [1, 2], *l]\n")
        #expect(value == .object([
            "a": .integer(1), "b": .string("1"), "c": .double(1.5), "d": .bool(true), "e": .null,
            "f": .string("2024-01-01T00:00:00Z"),
            "g": .array([.string("x"), .array([.integer(1), .integer(2)]), .array([.integer(1), .integer(2)])]),
        ]))
    }

    @Test(arguments: [
        ("results:\n- code: !!python/object x\n", "r.yaml:2:9: bandit report: .results[0].code: expected a value without a tag, got '!!python/object'"),
        ("results:\n- code: !custom x\n", "r.yaml:2:9: bandit report: .results[0].code: expected a value without a tag, got '!custom'"),
        ("1: a\n'1': b\n", "r.yaml:2:1: bandit report: .1: invalid YAML: duplicated key '1'"),
        ("a: 1\na: 2\n", "r.yaml:1:1: bandit report: invalid YAML: duplicated key 'a'"),
        ("? [a]\n: 1\n", "r.yaml:1:3: bandit report: expected a key name, got a list"),
        ("a:\n b:\n  c:\n   d: 1\n", "r.yaml:4:4: bandit report: .a.b.c: invalid YAML: nested deeper than 3"),
    ])
    func refusesWhatAJSONTreeCannotHold(text: String, message: String) {
        let error = #expect(throws: ConfigError.self) { _ = try tree(text, depth: 3) }
        #expect(error?.description == message)
    }

    @Test func anAliasBombIsRefusedBeforeItExpands() {
        // Nine levels of eight aliases: 8^8 values from a few hundred bytes.
        var yaml = "a0: &a0 [1, 2]\n"
        for level in 1...8 { yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 8).joined(separator: ", ") + "]\n" }
        let started = Date()
        let error = #expect(throws: ConfigError.self) { _ = try tree(yaml) }
        #expect(error?.description == "r.yaml:3:10: bandit report: invalid YAML: an alias of a collection that holds aliases")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test(arguments: ["? *a\n: 1\n", "*a : 1\n", "? [x, *a]\n: 1\n", "{*a : 1}\n"])
    func anAliasInAKeyIsRefusedBeforeYAMLHashesIt(key: String) {
        // Yams hashes every key whole to find duplicates: an aliased list as a key would be hashed in full.
        let yaml = "a: &a [" + Array(repeating: "1", count: 1000).joined(separator: ", ") + "]\nb:\n" + key.split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        let error = #expect(throws: ConfigError.self) { _ = try tree(yaml) }
        #expect(error?.problem == "bandit report: invalid YAML: an alias in a mapping key", "\(String(describing: error))")
    }

    @Test func aliasesOfPlainListsStayWithinTheDocumentsSize() throws {
        // One anchored list of 2,000 numbers aliased 2,000 times: linear text, quadratic values.
        let yaml = "a: &a [" + Array(repeating: "1", count: 2000).joined(separator: ",") + "]\nb: ["
            + Array(repeating: "*a", count: 2000).joined(separator: ",") + "]\n"
        let error = #expect(throws: ConfigError.self) { _ = try tree(yaml) }
        #expect(error?.problem.hasSuffix("invalid YAML: more values than the document's size allows (aliases expand too far)") == true)
        #expect(try tree("a: &a [1, 2]\nb: *a\nc: *a\n") == .object(["a": .array([.integer(1), .integer(2)]), "b": .array([.integer(1), .integer(2)]),
                                                                      "c": .array([.integer(1), .integer(2)])]))
    }

    @Test func aReportValueIsFoundByItsJSONPath() throws {
        let root = try #require(try YAMLLoader.compose(text: "results:\n- a: 1\n  b:\n  - x\n", path: "r.yaml", kind: .banditReport))
        let node = root.nearest(JSONPath().key("results").index(0).key("b").index(0))
        #expect((node.line, node.column, node.keyPath) == (4, 5, ".results[0].b[0]"))
        let missing = root.nearest(JSONPath().key("results").index(0).key("nothing"))
        #expect((missing.line, missing.column, missing.keyPath) == (2, 3, ".results[0]"))
    }
}
