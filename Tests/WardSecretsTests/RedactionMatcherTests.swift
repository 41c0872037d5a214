import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardSecrets

/// The redaction stage's matcher: Ward's rules without anything that lets a value through.
@Suite("Redaction matcher")
struct RedactionMatcherTests {
    static func matcher() throws -> RedactionMatcher {
        try RedactionMatcher(rules: try SecretTesting.builtInRules(), cacheDirectory: SecretTesting.sharedCache)
    }

    @Test("the fingerprint names the rules' text when given, else the loosened rules themselves")
    func fingerprintNamesTheRulesText() throws {
        let rules = try SecretTesting.builtInRules()
        let parsed = try #require(try Self.matcher().fingerprint)
        #expect(parsed == WardVersion.current + "-" + RedactionMatcher.loosened(rules).digest)
        let named = try RedactionMatcher(rules: rules, cacheDirectory: SecretTesting.sharedCache, sourceDigest: "0f1e")
        #expect(named.fingerprint == WardVersion.current + "-text-0f1e")
        let other = try RedactionMatcher(rules: rules, cacheDirectory: SecretTesting.sharedCache, sourceDigest: "0f1f")
        #expect(other.fingerprint != named.fingerprint && named.fingerprint != parsed)
    }

    @Test("values the detector takes for placeholders are still found for redaction")
    func placeholdersAreFound() throws {
        let awsExample = "AKIA" + "IOSFODNN7EXAMPLE"
        let fakeToken = "ghp_" + "FakeFakeFakeFakeFakeFakeFakeFakeFake"
        let found = try Self.matcher().secrets(in: ["key = \"\(awsExample)\"", "token \(fakeToken) here", "nothing to see"])
        #expect(found[0].contains(awsExample))
        #expect(found[1].contains(fakeToken))
        #expect(found[2].isEmpty)
    }

    @Test("every secret on a line is found, and unquoted credential assignments too")
    func everySecretOnALine() throws {
        let classic = "ghp_" + "R8xk2LmP9qWz4TnV7bYc3HdJ6fGs1AeU0oIi"
        let oauth = "gho_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"
        let line = "TOKENS = [\"\(classic)\", \"\(oauth)\"]; SLACK = \"x\""
        let manifest = "env:\n  - name: API_TOKEN\n    value: \"tok-example-5f4e3d2c1b0a99887766\"\n"
        let found = try Self.matcher().secrets(in: [line, "ENV DOCKER_PASSWORD=Fake0nlyDockerPassw0rd99 OTHER=1", manifest])
        #expect(found[2].contains("tok-example-5f4e3d2c1b0a99887766"))
        #expect(found[0].contains(classic) && found[0].contains(oauth), "\(found[0].map { $0.prefix(6) })")
        #expect(found[1].contains("Fake0nlyDockerPassw0rd99"))
        let redacted = SecretRedaction.redact(line, secrets: found[0].sorted { $0.count > $1.count })
        #expect(!redacted.contains("Z9y8X7w6"), "\(redacted)")
    }

    @Test("a NUL byte does not make a text look binary and go unscanned")
    func nulBytes() throws {
        let token = "ghp_" + "R8xk2LmP9qWz4TnV7bYc3HdJ6fGs1AeU0oIi"
        #expect(try Self.matcher().secrets(in: ["\u{0}\(token)"])[0].contains(token))
    }
}
