import Foundation
import Testing
@testable import WardSecrets

@Suite("Gitleaks configuration and git patches")
struct GitleaksConfigTests {
    static let config = #"""
    title = "team config"

    [extend]
    useDefault = true
    disabledRules = ["github-pat"]

    [allowlist]
    description = "global"
    paths = ['''(^|/)vendor/''']
    regexes = ['''^dummy''']
    stopwords = ["sample"]

    [[rules]]
    id = "acme-api-key"
    description = "ACME API key"
    regex = '''(?i)acme[_-]?key\s*[:=]\s*['"]?(acme_[a-z0-9]{20})'''
    secretGroup = 1
    entropy = 3.2
    keywords = [
        "acme",   # trailing comments and commas
    ]
    tags = ["key", "acme"]
        [rules.allowlist]
        regexes = ["^acme_0{20}$"]
        paths = ['''\.md$''']

    [[rules]]
    id = "quoted"
    description = "Basic strings with escapes"
    regex = "\\b(qt_[0-9]{6})\\b"
    keywords = ["qt_"]
    [[rules.allowlists]]
    stopwords = ["123456"]
    regexTarget = "line"

    [[rules]]
    id = "pkcs12-file"
    path = '''\.p12$'''
    """#

    @Test("a gitleaks TOML configuration loads as-is")
    func loads() throws {
        let configuration = try GitleaksConfig.parse(Self.config, path: "gitleaks.toml")
        #expect(!configuration.replacesBuiltIn)
        let rules = configuration.rules
        #expect(rules.rules.map(\.id) == ["acme-api-key", "quoted"])
        #expect(rules.disable == ["github-pat"])
        #expect(rules.allowPaths == ["(^|/)vendor/"])
        #expect(rules.allow == ["^dummy"])
        let acme = rules.rules[0]
        #expect(acme.regex == #"(?i)acme[_-]?key\s*[:=]\s*['"]?(acme_[a-z0-9]{20})"#)
        #expect(acme.secretGroup == 1)
        #expect(acme.entropy == 3.2)
        #expect(acme.keywords == ["acme"])
        #expect(acme.allow == ["^acme_0{20}$"])
        #expect(acme.allowPaths == [#"\.md$"#])
        #expect(acme.stopwords == ["sample"])
        let quoted = rules.rules[1]
        #expect(quoted.regex == #"\b(qt_[0-9]{6})\b"#)
        #expect(quoted.stopwords == ["sample", "123456"])
        #expect(configuration.notes.contains { $0.contains("pkcs12-file") })
        #expect(configuration.notes.contains { $0.contains("regexTarget") })
    }

    @Test("the loaded configuration scans with Ward's rules (extend useDefault) and its own")
    func scans() throws {
        let configuration = try GitleaksConfig.parse(Self.config, path: "gitleaks.toml")
        let rules = configuration.applied(to: SecretTesting.simpleRules)
        #expect(rules.rules.map(\.id) == ["aws-access-key-id", "acme-api-key", "quoted"])
        let secret = "acme_" + "k3j9x8w7v6u5t4s3r2q1"
        let root = try SecretTesting.tree([
            "app.cfg": "ACME_KEY = '\(secret)'\nacme_key: acme_00000000000000000000\n\(SecretTesting.githubToken)\n",
            "README.md": "ACME_KEY = '\(secret)'\n",
            "vendor/lib.cfg": "ACME_KEY = '\(secret)'\n",
        ])
        let found = try SecretTesting.detector(rules).scanTree(root: root).findings
        #expect(found.map { "\($0.path):\($0.line):\($0.ruleID)" } == ["app.cfg:1:acme-api-key"])
    }

    @Test("a configuration without extend replaces the built-in rules; TOML errors name the line")
    func replacesAndErrors() throws {
        let own = try GitleaksConfig.parse("[[rules]]\nid = \"x\"\nregex = '''x_[0-9]{4}'''\n", path: "g.toml")
        #expect(own.replacesBuiltIn)
        #expect(own.applied(to: SecretTesting.simpleRules).rules.map(\.id) == ["x"])
        #expect(SecretConfiguration.isGitleaksTOML(path: "conf", text: "[[rules]]\n"))
        #expect(!SecretConfiguration.isGitleaksTOML(path: "secrets.yml", text: "rules: []\n"))
        do {
            _ = try GitleaksConfig.parse("[[rules]]\nid = \"x\"\nregex = \"unterminated\n", path: "g.toml")
            Issue.record("expected an error")
        } catch {
            #expect(String(describing: error).hasPrefix("g.toml:3:"))
        }
    }

    @Test("git log -p -U0 output becomes each commit's added lines with their line numbers")
    func patches() {
        let log = """
        commit 1111111111111111111111111111111111111111
        diff --git a/src/a.py b/src/a.py
        index 000..111 100644
        --- a/src/a.py
        +++ b/src/a.py
        @@ -3,0 +4,2 @@ def f():
        +one
        +two
        @@ -10 +12 @@
        -old
        +three
        diff --git a/gone.txt b/gone.txt
        deleted file mode 100644
        --- a/gone.txt
        +++ /dev/null
        @@ -1 +0,0 @@
        -bye
        commit 2222222222222222222222222222222222222222
        diff --git a/new file.txt b/new file.txt
        new file mode 100644
        --- /dev/null
        +++ b/new file.txt
        @@ -0,0 +1 @@
        ++plus
        """
        let contents = GitPatch.contents(of: Data(log.utf8))
        #expect(contents.count == 2)
        #expect(contents[0].path == "src/a.py")
        #expect(contents[0].commit == "1111111111111111111111111111111111111111")
        #expect(String(decoding: contents[0].data, as: UTF8.self) == "one\ntwo\nthree")
        #expect(contents[0].lineNumbers == [4, 5, 12])
        #expect(contents[1].path == "new file.txt")
        #expect(String(decoding: contents[1].data, as: UTF8.self) == "+plus")
        #expect(contents[1].lineNumbers == [1])
    }
}
