import Foundation
import Testing
import TestSupport
@testable import WardSecrets

@Suite("Secret detector")
struct SecretDetectorTests {
    typealias T = SecretTesting

    @Test("finds a secret with its line, columns, masked snippet and clear value")
    func positions() throws {
        let root = try T.tree(["config/app.env": "# settings\nNAME=demo\nAWS_KEY=\(T.awsKey) # prod\n"])
        let result = try T.detector(T.simpleRules).scanTree(root: root)
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.ruleID == "aws-access-key-id")
        #expect(finding.path == "config/app.env")
        #expect((finding.line, finding.column, finding.endLine, finding.endColumn) == (3, 9, 3, 29))
        #expect(finding.secret == T.awsKey)
        #expect(!finding.snippet.contains(T.awsKey))
        #expect(finding.snippet.contains("AKIA…(20)"))
        #expect(!finding.allowedInline)
    }

    @Test("entropy, stopwords, rule and global allow lists, and path conditions filter hits")
    func filters() throws {
        var rules = T.simpleRules
        rules.rules.append(SecretRule(id: "env-token", description: "Token in .env", regex: #"TOKEN=([a-z]{8,})"#, keywords: ["token"],
                                      entropy: 2.0, stopwords: ["placeholder"], paths: [#"\.env$"#], allowPaths: [#"^test/"#]))
        rules.allow = ["^abcdefgh$"]
        let low = "AKIA" + String(repeating: "A", count: 16)
        let root = try T.tree([
            "a.txt": "\(low)\nAKIAEXAMPLEEXAMPLE23\nTOKEN=qwertyuiop\n",
            "b.env": "TOKEN=qwertyuiop\nTOKEN=placeholderxyz\nTOKEN=abcdefgh\n",
            "test/c.env": "TOKEN=zxcvbnmasd\n",
        ])
        let found = try T.detector(rules).scanTree(root: root).findings
        #expect(found.map { "\($0.path):\($0.line):\($0.ruleID)" } == ["b.env:1:env-token"])
    }

    @Test("inline allow comments keep the finding, marked allowed")
    func allowComments() throws {
        let key = T.awsKey
        let root = try T.tree(["a.py": """
            one = "\(key)"  # ward:allow test fixture
            two = "\(key)"  # gitleaks:allow
            three = "\(key)"  # pragma: allowlist secret
            # pragma: allowlist nextline secret
            four = "\(key)"
            five = "\(key)"
            """])
        let found = try T.detector(T.simpleRules).scanTree(root: root).findings
        #expect(found.map(\.line) == [1, 2, 3, 5, 6])
        #expect(found.map(\.allowedInline) == [true, true, true, true, false])
    }

    @Test(".gitignore files, negations, nested files and Ward's excluded directories are honoured")
    func gitignore() throws {
        let line = "key = \(T.awsKey)\n"
        let root = try T.tree([
            ".gitignore": "*.log\n!keep.log\nbuild/\n/secret-root.txt\n",
            "app.log": line, "keep.log": line, "build/out.txt": line, "secret-root.txt": line,
            "sub/secret-root.txt": line,
            "sub/.gitignore": "local.txt\n",
            "sub/local.txt": line, "sub/deeper/local.txt": line,
            "node_modules/pkg/index.js": line, ".git/config": line,
            "src/main.txt": line,
        ])
        let detector = try T.detector(T.simpleRules)
        let paths = detector.scanTree(root: root).findings.map(\.path).sorted()
        #expect(paths == ["keep.log", "src/main.txt", "sub/secret-root.txt"])
        var options = SecretScanOptions()
        options.honourGitignore = false
        let all = detector.scanTree(root: root, options: options).findings.map(\.path)
        #expect(all.count == 8)
    }

    @Test("binary files and files over the size cap are skipped and reported as skipped")
    func binaryAndSize() throws {
        let line = "key = \(T.awsKey)\n"
        let root = try T.tree(["bin.dat": "\u{0}\u{1}" + line, "big.txt": String(repeating: "x", count: 3000) + "\n" + line, "ok.txt": line])
        var options = SecretScanOptions()
        options.maxFileSize = 2048
        let result = try T.detector(T.simpleRules).scanTree(root: root, options: options)
        #expect(result.findings.map(\.path) == ["ok.txt"])
        #expect(result.skipped == ["big.txt: larger than 2048 bytes", "bin.dat: binary"])
        #expect(result.files == 1)
    }

    @Test("a large file is read in chunks and a secret across a chunk boundary is found once")
    func chunks() throws {
        let filler = String(repeating: "abcdefghij klmnopqrstuvwxyz 0123456789\n", count: (SecretDetector.chunkSize / 39) - 2)
        var text = filler
        // Straddle the first chunk's end, then one inside the overlap, then one far after.
        let pad = SecretDetector.chunkSize - text.utf8.count - 10
        text += String(repeating: "y", count: max(pad, 0)) + " " + T.awsKey + "\n"
        text += String(repeating: "z", count: 100) + " " + T.githubToken + "\n"
        text += filler + "tail " + T.awsKey + "\n"
        let root = try T.tree(["big.txt": text])
        let found = try T.detector(T.simpleRules).scanTree(root: root).findings
        #expect(found.map(\.ruleID) == ["aws-access-key-id", "github-pat", "aws-access-key-id"])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for finding in found {
            #expect(lines[finding.line - 1].contains(finding.secret))
        }
    }

    @Test("rules Vectorscan compiles only as a prefilter, or not at all, still match through PCRE2")
    func prefilterAndFallback() throws {
        let rules = SecretRuleSet(rules: [
            SecretRule(id: "lookahead", description: "Lookahead", regex: #"secret_(?=[a-z]{4}\d)([a-z]{4}\d{4})"#, keywords: ["secret_"]),
            SecretRule(id: "backreference", description: "Repeated quote", regex: #"(['"])tok_([A-Z]{10})\1"#, secretGroup: 2, keywords: ["tok_"]),
        ])
        let detector = try T.detector(rules)
        #expect(detector.notes.count == 2)
        let root = try T.tree(["a.txt": "x = secret_abcd1234\ny = \"tok_ABCDEFGHIJ\"\nz = 'tok_ABCDEFGHIJ\"\n"])
        let found = detector.scanTree(root: root).findings
        #expect(found.map { "\($0.ruleID):\($0.line):\($0.secret)" } == ["lookahead:1:abcd1234", "backreference:2:ABCDEFGHIJ"])
    }

    @Test("the compiled database is cached and reused, and a new rule set is compiled again")
    func cache() throws {
        let cache = try Fixtures.temporaryDirectory("ward-secrets-cache")
        let first = try T.detector(T.simpleRules, cache: cache)
        #expect(!first.loadedFromCache)
        let second = try T.detector(T.simpleRules, cache: cache)
        #expect(second.loadedFromCache)
        let root = try T.tree(["a.txt": "k = \(T.awsKey)\n"])
        #expect(first.scanTree(root: root).findings == second.scanTree(root: root).findings)
        var other = T.simpleRules
        other.rules.removeLast()
        #expect(!(try T.detector(other, cache: cache).loadedFromCache))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".hsdb") }.count == 2)
    }

    @Test("an invalid regex names the rule; duplicate ids are refused")
    func invalidRules() throws {
        let bad = SecretRuleSet(rules: [SecretRule(id: "bad", description: "Bad", regex: "(unclosed")])
        #expect(throws: SecretRuleError.self) { try T.detector(bad) }
        do {
            _ = try T.detector(bad)
        } catch {
            #expect(String(describing: error).contains("secret rule bad"))
        }
        let twice = SecretRuleSet(rules: T.simpleRules.rules + [T.simpleRules.rules[0]])
        #expect(throws: SecretRuleError.self) { try T.detector(twice) }
    }

    @Test("explicit files are scanned whether or not .gitignore lists them, and content is located by its line numbers")
    func filesAndContent() throws {
        let root = try T.tree([".gitignore": "*.env\n", "a.env": "k = \(T.awsKey)\n", "b.txt": "nothing\n"])
        let detector = try T.detector(T.simpleRules)
        #expect(detector.scanFiles(["a.env", "./b.txt"], root: root).findings.map(\.path) == ["a.env"])
        let content = SecretContent(path: "src/x.py", data: Data("a\nt = \(T.githubToken)\n".utf8), commit: "abc123", lineNumbers: [10, 42])
        let found = detector.scan([content]).findings
        #expect(found.map { "\($0.path):\($0.line):\($0.commit ?? "")" } == ["src/x.py:42:abc123"])
    }

    @Test("a user configuration adds rules, replaces one by id and disables others")
    func userConfiguration() throws {
        let user = SecretRuleSet(rules: [SecretRule(id: "internal-token", description: "Internal token", regex: #"\b(itk_[a-z0-9]{12})\b"#, keywords: ["itk_"])],
                                 allow: ["^itk_000000000000$"], disable: ["github-pat"])
        let merged = SecretConfiguration(rules: user).applied(to: T.simpleRules)
        #expect(merged.rules.map(\.id) == ["aws-access-key-id", "internal-token"])
        let root = try T.tree(["a.txt": "\(T.githubToken)\nitk_abc123def456\nitk_000000000000\n"])
        let found = try T.detector(merged).scanTree(root: root).findings
        #expect(found.map(\.ruleID) == ["internal-token"])
    }
}
