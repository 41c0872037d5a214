import Foundation
import Testing
import TestSupport

/// What `ward secrets` does before it scans, as the pre-commit hook runs it on every commit: the
/// parsed rules come from Ward's cache (a damaged or foreign entry is rebuilt and changes no
/// finding), and a run that does not record never opens a database.
@Suite("Secrets command start", .serialized)
struct SecretsStartupTests {
    /// A directory with one file holding two fake secrets, and an empty Ward home.
    static func workspace() throws -> (root: String, home: String) {
        let base = try Fixtures.temporaryDirectory("ward-secrets-start")
        let root = base + "/repo", home = base + "/home"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let text = "AWS_ACCESS_KEY_ID=\(SecretsCommandTests.awsKey)\ntoken = \"\(SecretsCommandTests.githubToken)\"\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/settings.env"))
        return (root, home)
    }

    /// Rule, path and line of each finding of `ward secrets --no-record` on the workspace.
    static func findings(_ root: String, home: String, environment: [String: String] = [:]) throws -> [String] {
        let report = home + "/../report.json"
        let result = try WardProcess.run(["secrets", "--no-record", "--policy", "pre-commit", "--format", "json", "-o", report, "settings.env"],
                                         environment: ["WARD_HOME": home].merging(environment) { _, new in new }, directory: root)
        #expect(result.status == 1, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any] ?? [:]
        let findings = document["findings"] as? [[String: Any]] ?? []
        return findings.map { finding in
            let location = finding["location"] as? [String: Any] ?? [:]
            return "\(finding["ruleID"] ?? "?") \(location["path"] ?? "?"):\(location["startLine"] ?? "?")"
        }.sorted()
    }

    /// The rule cache entries under `home`.
    static func entries(_ home: String) -> [String] {
        let directory = home + "/cache/secrets"
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("secret-rules-") && $0.hasSuffix(".json") }.sorted().map { directory + "/" + $0 }
    }

    @Test("the parsed rules are cached in Ward's home; a corrupt or foreign entry is rebuilt and changes no finding")
    func ruleCacheEndToEnd() throws {
        let (root, home) = try Self.workspace()
        let expected = try Self.findings(root, home: home)
        #expect(expected.count == 2, "\(expected)")
        let entries = Self.entries(home)
        try #require(entries.count == 1, "no rule cache entry was written: \(entries)")
        let entry = entries[0]
        let mode = (try FileManager.default.attributesOfItem(atPath: entry)[.posixPermissions] as? Int ?? -1) & 0o777
        #expect(mode == 0o600)
        let written = try Data(contentsOf: URL(fileURLWithPath: entry))
        #expect(try Self.findings(root, home: home) == expected)

        // Corrupt: garbage in place of the entry.
        try Data("ward-secret-rules-cache-v1 garbage\n{\"rules\":[]}".utf8).write(to: URL(fileURLWithPath: entry))
        #expect(try Self.findings(root, home: home) == expected)
        #expect(try Data(contentsOf: URL(fileURLWithPath: entry)) == written, "the corrupt entry was not rebuilt")

        // Foreign: the entry of a rule file whose AWS rule never applies, put under the built-in file's name.
        let edited = try String(contentsOfFile: Fixtures.repository + "/Sources/WardSecrets/Resources/secret-rules.yaml", encoding: .utf8)
            .replacingOccurrences(of: "keywords: ['akia', 'asia', 'abia', 'acca']", with: "keywords: ['never-present-keyword']")
        let other = home + "/../other-rules.yaml"
        try Data(edited.utf8).write(to: URL(fileURLWithPath: other))
        let otherFindings = try Self.findings(root, home: home, environment: ["WARD_SECRET_RULES": other])
        #expect(otherFindings != expected)
        let foreign = try #require(Self.entries(home).first { $0 != entry })
        try FileManager.default.removeItem(atPath: entry)
        try FileManager.default.copyItem(atPath: foreign, toPath: entry)
        #expect(try Self.findings(root, home: home) == expected)
        #expect(try Data(contentsOf: URL(fileURLWithPath: entry)) == written, "the foreign entry was kept")
    }

    @Test("a run that does not record opens no database, not even in memory, and leaves no database file")
    func noRecordOpensNoDatabase() throws {
        let (root, home) = try Self.workspace()
        func opensSQLite(_ record: String) throws -> Bool {
            let log = try Fixtures.temporaryDirectory("ward-ld") + "/bindings"
            let result = try WardProcess.run(["secrets", record, "--policy", "pre-commit", "--quiet", "settings.env"],
                                             environment: ["WARD_HOME": home, "LD_DEBUG": "bindings", "LD_DEBUG_OUTPUT": log],
                                             directory: root)
            #expect(result.status == 1, "\(result.stderr)")
            let directory = (log as NSString).deletingLastPathComponent
            let text = try FileManager.default.contentsOfDirectory(atPath: directory)
                .map { try String(contentsOfFile: directory + "/" + $0, encoding: .utf8) }.joined()
            #expect(text.contains("binding file"), "the dynamic linker logged nothing")
            // The executable itself resolving SQLite's open function: a database (a file or one in memory) opened.
            return text.split(separator: "\n").contains { $0.contains("normal symbol `sqlite3_open_v2'") && !$0.contains("binding file /lib") && !$0.contains("binding file /usr") }
        }
        #expect(try !opensSQLite("--no-record"))
        let files = FileManager.default.enumerator(atPath: home)?.compactMap { $0 as? String }.filter { $0.contains("sqlite") } ?? []
        #expect(files.isEmpty, "\(files)")
        #expect(try opensSQLite("--record"), "the check does not see a database being opened")
        #expect(FileManager.default.fileExists(atPath: home + "/history.sqlite"))
    }
}
