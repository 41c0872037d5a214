import Foundation
import Testing
import WardConfig

@Suite struct YAMLLoaderTests {
    struct Config: Decodable, Equatable {
        struct Rule: Decodable, Equatable {
            var id: String
            var enabled: Bool
        }
        var name: String
        var maxFindings: Int
        var rules: [Rule]
    }

    @Test func decodesValidFiles() throws {
        let config = try YAMLLoader.decode(Config.self, text: "name: x\nmaxFindings: 3\nrules:\n  - id: a\n    enabled: true\n", path: "p.yml", kind: .policy)
        #expect(config == Config(name: "x", maxFindings: 3, rules: [.init(id: "a", enabled: true)]))
    }

    @Test(arguments: [
        ("name: x\nmaxFindings: lots\nrules: []\n", "p.yml:2:14: policy: .maxFindings: expected Int, got 'lots'"),
        ("name: x\nmaxFindings: 1\nrules:\n  - id: a\n    enabled: maybe\n", "p.yml:5:14: policy: .rules[0].enabled: expected Bool, got 'maybe'"),
        ("name: x\nrules: []\n", "p.yml:1:1: policy: missing required key 'maxFindings'"),
        ("name: x\nmaxFindings: [1, 2\n", "p.yml:3:1: policy: invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'"),
    ])
    func namesFileLineColumnAndValue(text: String, message: String) {
        do {
            _ = try YAMLLoader.decode(Config.self, text: text, path: "p.yml", kind: .policy)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func aMissingFileIsUnreadable() {
        #expect(throws: ConfigError.self) { try YAMLLoader.decode(Config.self, path: "/nonexistent/policy.yml", kind: .policy) }
    }

    @Test(arguments: [
        ("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\n",
         "p.yml:1:1: policy: expected a mapping, got a scalar"),
        ("name: x\nmaxFindings: \"12\\e[2J\\u202Eseven and a great many more words than anyone needs\"\nrules: []\n",
         "p.yml:2:14: policy: .maxFindings: expected Int, got '12?[2J?seven and a great many more words…'"),
    ])
    func neverQuotesMoreThanTheOffendingToken(text: String, message: String) {
        do {
            _ = try YAMLLoader.decode(Config.self, text: text, path: "p.yml", kind: .policy)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == message)
        }
    }
}
