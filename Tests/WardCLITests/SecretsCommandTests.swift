import Foundation
import Testing
import TestSupport
import WardReporters

/// `ward secrets` and `ward scan --scanners secrets` end to end: redaction in every sink, the
/// staged and history modes, concurrent processes on one history, configuration files.
@Suite("Secrets command", .serialized)
struct SecretsCommandTests {
    /// Fake values built at run time, so no source line holds a whole one.
    static let awsKey = "AKIA" + "Q3EGRX7HYZLMN5P2"
    static let githubToken = "ghp_" + "R8xk2LmP9qWz4TnV7bYc3HdJ6fGs1AeU0oIi"

    /// A tree holding every true-positive fixture of the built-in rules, plus two known values.
    static func plantedTree() throws -> String {
        let root = try Fixtures.temporaryDirectory("ward-planted") + "/repo"
        try FileManager.default.createDirectory(atPath: root + "/fixtures", withIntermediateDirectories: true)
        let directory = Fixtures.path("secrets/rules")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".tp.txt") {
            try FileManager.default.copyItem(atPath: directory + "/" + name, toPath: root + "/fixtures/" + name)
        }
        try Data("AWS_ACCESS_KEY_ID=\(awsKey)\ntoken = \"\(githubToken)\"\n".utf8).write(to: URL(fileURLWithPath: root + "/settings.env"))
        return root
    }

    /// The clear values `--show-secrets` printed.
    static func shownValues(_ stdout: String) -> [String] {
        guard let section = stdout.range(of: "SECRET VALUES") else { return [] }
        return stdout[section.upperBound...].split(separator: "\n").dropFirst().compactMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first.map(String.init)
        }
    }

    /// What `ward` printed on a pseudo-terminal (util-linux `script`), as a user at a terminal sees it.
    static func onTerminal(_ arguments: [String]) throws -> String {
        let command = ([WardProcess.executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let result = try Shell.run("/usr/bin/script", ["-qec", command, "/dev/null"], directory: NSTemporaryDirectory(),
                                   environment: ["NO_COLOR": "1", "COLUMNS": "200"])
        return result.output.replacingOccurrences(of: "\r\n", with: "\n")
    }

    static func contains(_ data: Data, _ value: String) -> Bool {
        data.range(of: Data(value.utf8)) != nil
    }

    @Test("no clear secret reaches the database, its WAL, any report format or the logs")
    func redactionEverywhere() throws {
        let bed = try CLITestbed()
        let root = try Self.plantedTree()
        var logs: [String] = []
        var reports: [String: Data] = [:]
        for format in ReporterRegistry.ids {
            let path = bed.directory + "/report." + format
            let result = try bed.ward(["scan", root, "--scanners", "secrets", "--format", format, "-o", path])
            #expect(result.status == 1, "\(format): \(result.stderr)")
            logs += [result.stdout, result.stderr]
            reports[format] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let table = try bed.ward(["secrets", root])
        logs += [table.stdout, table.stderr]
        let listed = try bed.ward(["findings", "--format", "json"])
        logs += [listed.stdout, listed.stderr]

        let piped = try bed.ward(["secrets", root, "--show-secrets"])
        #expect(Self.shownValues(piped.stdout).isEmpty, "piped, --show-secrets printed values")
        #expect(piped.stderr.contains("not a terminal"))
        logs += [piped.stdout, piped.stderr]
        let shown = try Self.onTerminal(["secrets", root, "--show-secrets", "--db", bed.database])
        let values = Self.shownValues(shown).filter { $0.count >= 12 && !$0.hasSuffix("…") }
        #expect(values.contains(Self.awsKey))
        #expect(values.contains(Self.githubToken))
        #expect(values.count >= 100, "only \(values.count) values shown")

        var stored = [try Data(contentsOf: URL(fileURLWithPath: bed.database))]
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: bed.database + suffix) {
            stored.append(try Data(contentsOf: URL(fileURLWithPath: bed.database + suffix)))
        }
        for value in values {
            for data in stored { #expect(!Self.contains(data, value), "the history database holds a clear secret") }
            for (format, data) in reports { #expect(!Self.contains(data, value), "the \(format) report holds a clear secret") }
            for log in logs { #expect(!log.contains(value), "the output holds a clear secret") }
        }
        // The table shows a masked preview.
        #expect(table.stdout.contains("secrets"))
        #expect(try String(decoding: #require(reports["json"]), as: UTF8.self).contains("AKIA…(20)"))
    }

    @Test("secret identities are the same in two fresh databases, change with WARD_FINGERPRINT_KEY, and a short key is refused")
    func fingerprintsAcrossDatabases() throws {
        let root = try Self.plantedTree()
        func identities(_ environment: [String: String]) throws -> [String] {
            let bed = try CLITestbed()
            let result = try bed.ward(["secrets", root, "--format", "json", "-o", bed.directory + "/r.json"], environment: environment)
            #expect(result.status == 1, "\(result.stderr)")
            return bed.findings(try bed.json(bed.directory + "/r.json")).compactMap { $0["identity"] as? String }.sorted()
        }
        let first = try identities([:])
        #expect(!first.isEmpty)
        #expect(try identities([:]) == first)
        let keyed = try identities(["WARD_FINGERPRINT_KEY": "team-key-0123456789abcdef"])
        #expect(keyed == (try identities(["WARD_FINGERPRINT_KEY": "team-key-0123456789abcdef"])))
        #expect(Set(keyed).isDisjoint(with: first))
        let short = try CLITestbed().ward(["secrets", root], environment: ["WARD_FINGERPRINT_KEY": "short"])
        #expect(short.status == 3)
        #expect(short.stderr.contains("WARD_FINGERPRINT_KEY must be at least 16 characters"))
        #expect(!short.stderr.contains("short\n") && !short.stderr.contains("'short'"))
    }

    @Test("--files scans only the files given, relative to the root, as a partial target")
    func files() throws {
        let bed = try CLITestbed()
        let root = try Self.plantedTree()
        let result = try bed.ward(["secrets", "--root", root, "settings.env", "-o", bed.directory + "/r.json", "--format", "json"])
        #expect(result.status == 1)
        let document = try bed.json(bed.directory + "/r.json")
        let findings = bed.findings(document)
        #expect(Set(findings.compactMap { $0["ruleID"] as? String }) == ["aws-access-key-id", "github-pat"])
        #expect(result.stderr.contains("(files)"))
        let viaScan = try bed.ward(["scan", root, "--scanners", "secrets", "--files", "settings.env", "fixtures/github-pat.tp.txt", "-q"])
        #expect(viaScan.status == 1)
        let other = try bed.ward(["scan", root, "--scanners", "bandit", "--files", "settings.env"])
        #expect(other.status == 3)
    }

    static func git(_ arguments: [String], in directory: String) throws -> String {
        let result = try Shell.run("/usr/bin/env", ["git"] + arguments, directory: directory,
                                   environment: ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                                                 "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"])
        #expect(result.status == 0, "git \(arguments): \(result.output)")
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new, empty git repository.
    static func newRepository() throws -> String {
        let repo = try Fixtures.temporaryDirectory("ward-git") + "/repo"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        _ = try git(["init", "-q"], in: repo)
        return repo
    }

    @Test("--git-history finds secrets in the lines commits added, with the commit; --staged reads the index")
    func historyAndStaged() throws {
        let bed = try CLITestbed()
        let repo = try Self.newRepository()
        try Data("one\ntwo\nkey = \"\(Self.awsKey)\"\n".utf8).write(to: URL(fileURLWithPath: repo + "/old.py"))
        _ = try Self.git(["add", "."], in: repo)
        _ = try Self.git(["commit", "-q", "-m", "add"], in: repo)
        let first = try Self.git(["rev-parse", "HEAD"], in: repo)
        try Data("one\ntwo\n".utf8).write(to: URL(fileURLWithPath: repo + "/old.py"))
        _ = try Self.git(["commit", "-q", "-am", "remove"], in: repo)

        let tree = try bed.ward(["secrets", repo])
        #expect(tree.status == 0, "\(tree.stdout)")
        let history = try bed.ward(["secrets", "--root", repo, "--git-history", "--format", "json", "-o", bed.directory + "/h.json"])
        #expect(history.status == 1, "\(history.stderr)")
        let found = bed.findings(try bed.json(bed.directory + "/h.json"))
        #expect(found.count == 1)
        let metadata = found.first?["metadata"] as? [String: String]
        #expect(metadata?["commit"] == first)
        let location = found.first?["location"] as? [String: Any]
        #expect(location?["path"] as? String == "old.py")
        #expect(location?["startLine"] as? Int == 3)
        #expect((location?["snippet"] as? String)?.contains("AKIA…(20)") == true)

        // Staged content differs from the working tree: the index is what is scanned.
        try Data("a = 1\ntoken = '\(Self.githubToken)'\n".utf8).write(to: URL(fileURLWithPath: repo + "/new.py"))
        _ = try Self.git(["add", "new.py"], in: repo)
        try Data("a = 1\ntoken = os.environ['TOKEN']\n".utf8).write(to: URL(fileURLWithPath: repo + "/new.py"))
        let staged = try bed.ward(["secrets", "--root", repo, "--staged", "--format", "json", "-o", bed.directory + "/s.json"])
        #expect(staged.status == 1, "\(staged.stderr)")
        let stagedFindings = bed.findings(try bed.json(bed.directory + "/s.json"))
        #expect(stagedFindings.map { $0["ruleID"] as? String } == ["github-pat"])
        let stagedLocation = stagedFindings.first?["location"] as? [String: Any]
        #expect(stagedLocation?["startLine"] as? Int == 2)
        #expect((stagedLocation?["snippet"] as? String)?.contains("environ") == false)
        #expect(try bed.ward(["secrets", repo]).status == 0)
    }

    @Test("--staged finds a secret among many staged files, and skips a staged submodule pointer, which is no file")
    func stagedSubmodulePointer() throws {
        let bed = try CLITestbed()
        let repo = try Self.newRepository()
        for index in 0..<30 {
            try Data("value_\(index) = \(index)\n".utf8).write(to: URL(fileURLWithPath: repo + "/f\(index).py"))
        }
        try Data("token = '\(Self.githubToken)'\n".utf8).write(to: URL(fileURLWithPath: repo + "/f7.py"))
        _ = try Self.git(["add", "."], in: repo)
        _ = try Self.git(["update-index", "--add", "--cacheinfo", "160000,\(String(repeating: "1234", count: 10)),vendored"], in: repo)
        let staged = try bed.ward(["secrets", "--root", repo, "--staged", "--no-record", "--format", "json", "-o", bed.directory + "/s.json"])
        #expect(staged.status == 1, "\(staged.stderr)")
        let found = bed.findings(try bed.json(bed.directory + "/s.json"))
        #expect(found.map { ($0["location"] as? [String: Any])?["path"] as? String } == ["f7.py"])
        try FileManager.default.removeItem(atPath: repo + "/f7.py")
        _ = try Self.git(["add", "-A"], in: repo)
        let clean = try bed.ward(["secrets", "--root", repo, "--staged", "--no-record"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
    }

    @Test("four ward processes record into one history database at the same time")
    func concurrentProcesses() throws {
        let bed = try CLITestbed()
        let root = try Self.plantedTree()
        let home = try Fixtures.temporaryDirectory("ward-home")
        var processes: [(Process, URL)] = []
        for index in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: WardProcess.executable)
            process.arguments = ["secrets", "--db", bed.database, "--root", root, "-q", "-o", bed.directory + "/r\(index).txt",
                                 "settings.env", "fixtures/aws-access-key-id.tp.txt"]
            var environment = ProcessInfo.processInfo.environment
            environment["WARD_HOME"] = home
            process.environment = environment
            let log = URL(fileURLWithPath: bed.directory + "/log\(index)")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            processes.append((process, log))
        }
        for (process, _) in processes { try process.run() }
        for (process, log) in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 1, "\(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))")
        }
        #expect(try bed.counts()["scan"] == 4)
    }

    @Test("two ward secrets processes over disjoint halves of a tree, run at once against one history, leave every finding open")
    func disjointHalvesAtOnce() throws {
        let bed = try CLITestbed()
        let root = try Self.plantedTree()
        let files = try FileManager.default.subpathsOfDirectory(atPath: root + "/fixtures").filter { $0.hasSuffix(".tp.txt") }.sorted()
            .map { "fixtures/" + $0 }
        #expect(files.count >= 4)
        let halves = [Array(files.prefix(files.count / 2)), Array(files.dropFirst(files.count / 2))]
        func run(_ half: [String]) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: WardProcess.executable)
            process.arguments = ["secrets", "--db", bed.database, "--root", root, "-q"] + half
            process.environment = ProcessInfo.processInfo.environment.merging(["WARD_HOME": bed.directory + "/home"]) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        // Each half twice, the second rounds overlapping the other half's first, as parallel hook chunks do.
        for _ in 0..<2 {
            let running = try halves.map(run)
            for process in running {
                process.waitUntilExit()
                #expect(process.terminationStatus == 1)
            }
        }
        let open = try bed.ward(["findings", "--status", "open", "--format", "json"])
        let fixed = try bed.ward(["findings", "--status", "fixed", "--format", "json"])
        #expect(open.status == 0 && fixed.status == 0, "\(open.stderr)\(fixed.stderr)")
        let listedOpen = try JSONSerialization.jsonObject(with: Data(open.stdout.utf8)) as? [String: Any]
        let listedFixed = try JSONSerialization.jsonObject(with: Data(fixed.stdout.utf8)) as? [String: Any]
        #expect(((listedOpen?["findings"] as? [Any]) ?? []).count >= files.count)
        #expect(((listedFixed?["findings"] as? [Any]) ?? ["unreadable"]).isEmpty)
        #expect(try bed.counts()["scan"] == 4)
    }

    @Test("a user configuration adds and disables rules; a gitleaks TOML file loads as-is")
    func configuration() throws {
        let bed = try CLITestbed()
        let root = try Fixtures.temporaryDirectory("ward-config") + "/repo"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("k = \(Self.awsKey)\nt = itk_abc123def456\n".utf8).write(to: URL(fileURLWithPath: root + "/a.txt"))
        let yaml = try Fixtures.write("""
            disable: [aws-access-key-id]
            rules:
              - id: internal-token
                description: Internal token
                regex: '\\b(itk_[a-z0-9]{12})\\b'
                keywords: [itk_]
                severity: critical
            """, named: "secrets.yml")
        let withYAML = try bed.ward(["secrets", root, "--secrets-config", yaml, "--format", "json", "-o", bed.directory + "/y.json"])
        #expect(withYAML.status == 1, "\(withYAML.stderr)")
        #expect(bed.findings(try bed.json(bed.directory + "/y.json")).compactMap { $0["ruleID"] as? String } == ["internal-token"])

        let toml = try Fixtures.write("""
            [[rules]]
            id = "internal-token"
            description = "Internal token"
            regex = '''\\b(itk_[a-z0-9]{12})\\b'''
            keywords = ["itk_"]
            """, named: "gitleaks.toml")
        let withTOML = try bed.ward(["secrets", root, "--secrets-config", toml, "--format", "json", "-o", bed.directory + "/t.json"])
        #expect(withTOML.status == 1, "\(withTOML.stderr)")
        #expect(bed.findings(try bed.json(bed.directory + "/t.json")).compactMap { $0["ruleID"] as? String } == ["internal-token"])

        let broken = try Fixtures.write("rules:\n  - id: x\n    regex: '(unclosed'\n", named: "broken.yml")
        let refused = try bed.ward(["secrets", root, "--secrets-config", broken])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("broken.yml:3:12: secret rules: .rules[0].regex: rule x: the regex does not compile at offset 9"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains("(unclosed"), "the file's text is named, never shown")
    }
}

extension SecretsCommandTests {
    @Test("--export-rules prints one regex per rule for ripgrep; the ripgrep-rust form drops lookarounds")
    func exportRules() throws {
        let bed = try CLITestbed()
        let json = try bed.ward(["secrets", "--export-rules", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])["rules"] as? [[String: Any]]
        let pcre = try bed.ward(["secrets", "--export-rules", "ripgrep"])
        let lines = pcre.stdout.split(separator: "\n")
        #expect(lines.count == rules?.count)
        #expect(lines.map(String.init) == rules?.compactMap { $0["regex"] as? String })
        let rust = try bed.ward(["secrets", "--export-rules", "ripgrep-rust"])
        #expect(rust.stdout.split(separator: "\n").count == lines.count)
        for marker in ["(?=", "(?!", "(?<=", "(?<!"] { #expect(!rust.stdout.contains(marker)) }
        #expect(try bed.ward(["secrets", "--export-rules", "yaml"]).status == 3)
    }
}

/// Runs a command with a directory and extra environment, capturing standard output and error.
enum Shell {
    static func run(_ executable: String, _ arguments: [String], directory: String, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let scratch = try Fixtures.temporaryDirectory("ward-shell")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let url = URL(fileURLWithPath: scratch + "/output")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }
}
