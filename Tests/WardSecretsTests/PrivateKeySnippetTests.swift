import Foundation
import Testing
import TestSupport
@testable import WardSecrets

/// A private key's finding shows its armour line and a masked body, never the body's lines; a
/// quoted `.netrc` password with a space is found whole.
@Suite("Private key and netrc snippets")
struct PrivateKeySnippetTests {
    /// Keys made by `openssl` (PKCS#1 and PKCS#8), and the test certificates of Python's standard library.
    static func keys() throws -> [String: String] {
        var keys: [String: String] = [:]
        let scratch = try Fixtures.temporaryDirectory("ward-pem")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for (name, arguments) in [("pkcs1.pem", ["genrsa", "-traditional", "-out", scratch + "/k", "2048"]),
                                  ("pkcs8.pem", ["genpkey", "-algorithm", "RSA", "-out", scratch + "/k"])] {
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            openssl.arguments = ["openssl"] + arguments
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            keys[name] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: scratch + "/k")), as: UTF8.self)
        }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import test, os; print(os.path.dirname(test.__file__))"]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let directory = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        python.waitUntilExit()
        for candidate in [directory + "/certdata/keycert.pem", directory + "/keycert.pem"] {
            if let data = FileManager.default.contents(atPath: candidate) { keys["python-keycert.pem"] = String(decoding: data, as: UTF8.self) }
        }
        return keys
    }

    @Test("PKCS#1 and PKCS#8 keys: the snippet is the BEGIN line and a masked body")
    func privateKeys() throws {
        let keys = try Self.keys()
        #expect(keys["pkcs1.pem"]?.contains("BEGIN RSA PRIVATE KEY") == true)
        #expect(keys["pkcs8.pem"]?.contains("BEGIN PRIVATE KEY") == true)
        #expect(keys["python-keycert.pem"] != nil, "Python's test certificates were not found")
        let root = try SecretTesting.tree(keys)
        let result = try SecretTesting.builtInDetector().scanTree(root: root)
        for (name, pem) in keys {
            let finding = try #require(result.findings.first { $0.path == name && $0.ruleID.hasPrefix("private-key") }, "\(name)")
            let lines = finding.snippet.split(separator: "\n")
            #expect(lines.count == 2, "\(name): \(lines.count) lines")
            #expect(lines.first?.hasPrefix("-----BEGIN") == true)
            for body in pem.split(separator: "\n") where !body.hasPrefix("-----") && body.count >= 16 {
                #expect(!finding.snippet.contains(body), "\(name): a body line is in the snippet")
            }
        }
    }

    @Test("a quoted netrc password with a space is the whole secret")
    func spacedNetrcPassword() throws {
        let root = try SecretTesting.tree([".netrc": "machine api.example.com login deploy password \"pas s\"\n"])
        let result = try SecretTesting.builtInDetector().scanTree(root: root)
        let finding = try #require(result.findings.first { $0.ruleID == "netrc-credentials" })
        #expect(finding.secret == "pas s")
        #expect(!finding.snippet.contains("pas s"))
    }
}
