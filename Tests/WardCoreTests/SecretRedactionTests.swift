import Foundation
import Testing
import WardCore

@Suite struct SecretRedactionTests {
    let secret = "AKIAZ7QWERTY12345678"

    @Test func masksWithPrefixAndLength() {
        #expect(SecretRedaction.mask(secret) == "AKIA…(20)")
        #expect(SecretRedaction.mask("hunter2") == "…(7)")
    }

    @Test func redactsPlainAndJSONEscapedForms() {
        let quoted = #"p"w\d$ecret-value"#
        var escaped = ""
        JSONValue.writeString(quoted, to: &escaped)
        let text = "key=\(secret) raw=\(escaped)"
        let redacted = SecretRedaction.redact(text, secrets: [secret, quoted])
        #expect(!redacted.contains(secret))
        #expect(!redacted.contains(#"w\\d$ecret"#))
        #expect(redacted.contains("AKIA…(20)"))
    }

    /// A report may name a secret holding NULs; Foundation would find it in any text that starts
    /// like it and trap while replacing it.
    @Test func aSecretWithCharactersFoundationIgnoresIsMaskedOnlyWhereItIs() {
        let odd = "1" + String(repeating: "\0", count: 113)
        #expect(SecretRedaction.redact("1", secrets: [odd]) == "1")
        let redacted = SecretRedaction.redact("path \(odd) and raw 1\\u0000\\u0000", secrets: [odd])
        #expect(!LiteralText.contains(odd, in: redacted))
        #expect(redacted == "path " + SecretRedaction.mask(odd) + " and raw 1\\u0000\\u0000")
    }

    @Test func fingerprintIsKeyedAndStable() {
        let one = SecretRedaction.fingerprint(secret, key: Array("key-one".utf8))
        #expect(one == SecretRedaction.fingerprint(secret, key: Array("key-one".utf8)))
        #expect(one != SecretRedaction.fingerprint(secret, key: Array("key-two".utf8)))
        #expect(!one.contains(secret))
        #expect(one.count == 32)
    }

    @Test func redactsEveryTextFieldOfAFinding() {
        let finding = Finding(toolID: "t", ruleID: "aws", title: "key \(secret)", message: "found \(secret)", kind: .secret,
                              severity: .high, location: SourceLocation(path: "a.env", startLine: 1, snippet: "AWS=\(secret)"),
                              metadata: ["match": secret], raw: #"{"Secret":"\#(secret)"}"#)
        let redacted = SecretRedaction.redact(finding, secrets: [secret])
        let all = [redacted.title, redacted.message, redacted.location?.snippet ?? "", redacted.raw ?? ""] + Array(redacted.metadata.values)
        #expect(all.allSatisfy { !$0.contains(secret) })
    }

    @Test func imageRepositoryDropsTagAndDigest() {
        #expect(ImageReference.repository("docker.io/library/alpine:3.10@sha256:abc") == "docker.io/library/alpine")
        #expect(ImageReference.repository("localhost:5000/app:1.2") == "localhost:5000/app")
        #expect(ImageReference.repository("alpine") == "alpine")
    }
}
