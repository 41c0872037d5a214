import Foundation
import Testing
import TestSupport

/// `ward triage` with the real binary: decisions recorded with their author, honoured by the gate
/// like waivers, expiring, held to the policy's rules, exported and imported, and never a way to
/// store or show a secret.
@Suite struct TriageCommandTests {
    let report = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
    let root = Fixtures.path("projects/tiny")
    static let token = "ghp_" + "Zq8Vt2Lm4Nx6Pw0Ry3Sb5Kc7Hd9Jf1Ga2Uex"

    /// A testbed with the tiny report imported as target `svc` (failing the default policy on two
    /// high findings), and the identities of those two.
    func importedBed(target: String = "svc") throws -> (CLITestbed, [String]) {
        let bed = try CLITestbed()
        let first = try bed.ward(["import", "--tool", "bandit", "--root", root, "--target", target, report, "-q", "-o", bed.directory + "/r.txt"])
        #expect(first.status == 1, "\(first.stderr)")
        let listed = try bed.ward(["findings", "--target", target, "--severity", "high", "--format", "json"])
        let data = Data(listed.stdout.utf8)
        let findings = (try JSONSerialization.jsonObject(with: data) as? [String: Any]).map(bed.findings) ?? []
        let identities = findings.compactMap { ($0["finding"] as? [String: Any])?["identity"] as? String }.sorted()
        #expect(identities.count == 2, "\(listed.status) \(listed.stderr) \(listed.stdout.prefix(400))")
        return (bed, identities)
    }

    /// Runs `ward triage export|import …` on the testbed's database.
    func triage(_ bed: CLITestbed, _ arguments: [String], environment: [String: String] = [:]) throws -> WardProcess.Result {
        try WardProcess.run(["triage", arguments[0], "--db", bed.database] + arguments.dropFirst(), environment: environment)
    }

    func check(_ bed: CLITestbed, _ extra: [String] = []) throws -> WardProcess.Result {
        try bed.ward(["check", "--target", "svc", "-q", "-o", bed.directory + "/check.txt"] + extra)
    }

    @Test func triagingTheFailingFindingsPassesTheGateAndSaysWhoDecided() throws {
        let (bed, identities) = try importedBed()
        #expect(try check(bed).status == 1)
        let first = try bed.ward(["triage", String(identities[0].prefix(12)), "--state", "false-positive", "--reason", "constant command", "--by", "ana@example.com"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "\(identities[0].prefix(14)) false-positive by ana@example.com\n")
        let second = try bed.ward(["triage", identities[1], "--state", "accepted-risk", "--reason", "internal tool", "--expires", "2099-12-31"],
                                  environment: ["WARD_AUTHOR": "bo@example.com"])
        #expect(second.stdout.hasSuffix("accepted-risk by bo@example.com\n"), "\(second.stderr)")
        let passing = try check(bed, ["--format", "json", "-o", bed.directory + "/check.json"])
        #expect(passing.status == 0, "\(passing.stderr)")
        let report = try String(contentsOfFile: bed.directory + "/check.json", encoding: .utf8)
        #expect(report.contains("triage false-positive by ana@example.com: constant command"))
        #expect(report.contains("triage accepted-risk by bo@example.com, until 2099-12-31: internal tool"))
        // Reopening one decision makes its finding count again
        _ = try bed.ward(["triage", identities[0], "--state", "reopen", "--reason", "the command became configurable", "--by", "ana@example.com"])
        #expect(try check(bed).status == 1)
    }

    @Test func anExpiredAcceptedRiskFailsTheGateAgainAndIsListed() throws {
        let (bed, identities) = try importedBed()
        for identity in identities {
            let late = try bed.ward(["triage", identity, "--state", "accepted-risk", "--reason", "until the rewrite", "--expires", "2020-01-31", "--by", "ana"])
            #expect(late.status == 0 && late.stderr.contains("--expires 2020-01-31 has passed"), "\(late.stderr)")
        }
        let result = try check(bed)
        #expect(result.status == 1)
        #expect(result.stderr.contains("expired triage no longer applies: \(identities[0].prefix(14)) accepted-risk by ana (expired 2020-01-31)"),
                "\(result.stderr)")
    }

    @Test func aPolicysTriageRulesRefuseDecisionsThatBreakThem() throws {
        let (bed, identities) = try importedBed()
        let policy = try Fixtures.write("name: reviewed\nfail-on: {severity: high}\ntriage:\n  require-expiry: [accepted-risk]\n  min-reason-length: 20\n",
                                        named: "policy.yml")
        _ = try bed.ward(["triage", identities[0], "--state", "accepted-risk", "--reason", "owned by the platform team, fix queued", "--by", "ana"])
        _ = try bed.ward(["triage", identities[1], "--state", "false-positive", "--reason", "fine", "--by", "ana"])
        let refused = try check(bed, ["--policy", policy])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("triage not honoured: \(identities[0].prefix(14)) accepted-risk by ana: accepted-risk without an expiry date"))
        #expect(refused.stderr.contains("triage not honoured: \(identities[1].prefix(14)) false-positive by ana: reason shorter than the policy's 20 characters"))
        #expect(try check(bed).status == 0, "the default policy has no such rules")
    }

    @Test func exportThenImportIntoAFreshHistoryGivesTheSameDecisionsAndVerdict() throws {
        let (bed, identities) = try importedBed()
        _ = try bed.ward(["triage", identities[0], "--state", "false-positive", "--reason", "constant command", "--by", "ana"])
        _ = try bed.ward(["triage", identities[1], "--state", "accepted-risk", "--reason", "internal", "--expires", "2099-01-01", "--by", "bo"])
        let file = bed.directory + "/triage.yml"
        #expect(try triage(bed, ["export", "--target", "svc", "--output", file]).status == 0)
        let exported = try String(contentsOfFile: file, encoding: .utf8)
        #expect(exported.contains("# bandit B602 pkg/runner.py:9"), "\(exported)")

        let (fresh, _) = try importedBed()
        let imported = try triage(fresh, ["import", file])
        #expect(imported.stdout == "recorded 2, unchanged 0, superseded by newer decisions 0, unknown findings 0\n", "\(imported.stderr)")
        #expect(try triage(fresh, ["export", "--target", "svc"]).stdout == exported)
        #expect(try check(fresh).status == 0)
        // The same file again records nothing twice; a decision about a finding it lacks is counted
        let again = try triage(fresh, ["import", file])
        #expect(again.stdout == "recorded 0, unchanged 2, superseded by newer decisions 0, unknown findings 0\n")
        let other = try CLITestbed()
        _ = try other.ward(["import", "--tool", "bandit", "--root", root, "--target", "elsewhere", "-q", "-o", other.directory + "/r.txt",
                            Fixtures.path("reports/bandit/tiny-bandit-1.7.0.json")])
        let unknown = try triage(other, ["import", file, "--target", "nothing-here"])
        #expect(unknown.status == 0)
        #expect(unknown.stdout.hasSuffix("unknown findings 2\n"))
    }

    @Test func aTriageFileGivenToAScanWaivesAndIsRecordedInAFreshHistory() throws {
        let (bed, identities) = try importedBed()
        for identity in identities {
            _ = try bed.ward(["triage", identity, "--state", "false-positive", "--reason", "reviewed in the design review", "--by", "ana"])
        }
        let file = bed.directory + "/triage.yml"
        _ = try triage(bed, ["export", "--output", file])
        // A CI run: fresh history, another target name, the file from the repository
        let ci = try CLITestbed()
        let gated = try ci.ward(["import", "--tool", "bandit", "--root", root, "--target", "runner-checkout-svc", "--triage", file, "-q",
                                 "-o", ci.directory + "/r.txt", report])
        #expect(gated.status == 0, "\(gated.stderr)")
        let listed = try triage(ci, ["export"])
        #expect(listed.stdout.components(separatedBy: "state: false-positive").count == 3, "\(listed.stdout)")
        #expect(listed.stdout.contains("target: \"runner-checkout-svc\""))
        #expect(try ci.counts()["triage"] == 2)
        // The next run with the same file adds nothing to the history
        let again = try ci.ward(["check", "--target", "runner-checkout-svc", "--triage", file, "-q", "-o", ci.directory + "/c.txt"])
        #expect(again.status == 0)
        #expect(try ci.counts()["triage"] == 2)
    }

    @Test func unknownAndAmbiguousFindingsAndBadArgumentsExit3InOneLine() throws {
        let (bed, identities) = try importedBed()
        _ = try bed.ward(["import", "--tool", "bandit", "--root", root, "--target", "svc2", report, "-q", "-o", bed.directory + "/r2.txt"])
        let cases: [([String], String)] = [
            (["triage", "v1:00000000000", "--state", "confirmed", "--reason", "x", "--by", "a"], "no finding 'v1:00000000000'"),
            (["triage", identities[0], "--state", "confirmed", "--reason", "x", "--by", "a"], "matches 2 findings"),
            (["triage", identities[0], "--target", "svc", "--state", "wontfix", "--reason", "x", "--by", "a"], "unknown --state 'wontfix'"),
            (["triage", identities[0], "--target", "svc", "--state", "confirmed", "--reason", "  ", "--by", "a"], "--reason must not be empty"),
            (["triage", identities[0], "--target", "svc", "--state", "confirmed", "--reason", "a\u{1B}[2Jb", "--by", "a"], "--reason must not hold control characters"),
            (["triage", identities[0], "--target", "svc", "--state", "confirmed", "--reason", String(repeating: "r", count: 2001), "--by", "a"],
             "--reason is longer than 2000 characters"),
            (["triage", identities[0], "--target", "svc", "--state", "confirmed", "--reason", "x", "--by", ""], "--by must not be empty"),
            (["triage", identities[0], "--target", "svc", "--state", "accepted-risk", "--reason", "x", "--expires", "2027-13-01", "--by", "a"],
             "--expires: expected a date YYYY-MM-DD"),
        ]
        for (arguments, message) in cases {
            let result = try bed.ward(arguments)
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        #expect(try bed.counts()["triage"] == 0)
    }

    @Test func aHostileTriageFileIsRefusedBeforeAnythingIsStored() throws {
        let bed = try CLITestbed()
        let file = try Fixtures.write("decisions:\n  - identity: v1:aaaa\n    state: false-positive\n    reason: \"\(Self.token)\\u0007\"\n    author: a\n    at: 2026-01-01\n",
                                      named: "triage.yml")
        for arguments in [["import", "--tool", "bandit", "--root", root, "--triage", file, report], ["triage", "import", file, "--db", bed.database]] {
            let result = arguments[0] == "triage" ? try WardProcess.run(arguments) : try bed.ward(arguments)
            #expect(result.status == 3, "\(result.stderr)")
            #expect(result.stderr == "ward: error: \(file):4:13: triage file: .decisions[0].reason: expected a reason without control characters\n")
        }
        let scans = FileManager.default.fileExists(atPath: bed.database) ? try bed.counts()["scan"] ?? 0 : 0
        #expect(scans == 0)
    }

    @Test func aSecretInAReasonIsNeverStoredOrShown() throws {
        let (bed, identities) = try importedBed()
        let result = try bed.ward(["triage", identities[0], "--state", "false-positive", "--reason", "test token \(Self.token) only", "--by", "ana"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("masked"))
        // A triage file from elsewhere may carry one too
        let file = try Fixtures.write("""
            decisions:
              - identity: \(identities[1])
                state: false-positive
                reason: "rotated \(Self.token)"
                author: bo
                at: 2026-01-01T00:00:00Z
            """, named: "triage.yml")
        let gated = try check(bed, ["--triage", file, "--format", "json", "-o", bed.directory + "/check.json"])
        #expect(gated.status == 0, "\(gated.stderr)")
        let report = try String(contentsOfFile: bed.directory + "/check.json", encoding: .utf8)
        #expect(report.contains("test token ") && report.contains("rotated "))
        #expect(!report.contains(Self.token))
        _ = try triage(bed, ["import", file])
        let exported = try triage(bed, ["export"]).stdout
        #expect(exported.contains("rotated "))
        #expect(!exported.contains(Self.token))
        let database = try Data(contentsOf: URL(fileURLWithPath: bed.database))
        #expect(database.range(of: Data(Self.token.utf8)) == nil)
    }

    @Test func theDefaultAuthorComesFromGitsGlobalConfigurationNeverTheRepositorys() throws {
        let (bed, identities) = try importedBed()
        let home = try Fixtures.temporaryDirectory("ward-home")
        try "[user]\n\temail = reviewer@example.com\n".write(toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
        let repository = try Fixtures.temporaryDirectory("ward-repo")
        try FileManager.default.createDirectory(atPath: repository + "/.git", withIntermediateDirectories: true)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "init", "-q", repository]
        try git.run()
        git.waitUntilExit()
        try "[user]\n\temail = intruder@example.com\n[core]\n\tfsmonitor = touch /tmp/ward-fsmonitor-ran\n"
            .write(toFile: repository + "/.git/config", atomically: true, encoding: .utf8)
        let result = try bed.ward(["triage", identities[0], "--state", "confirmed", "--reason", "real", "--target", "svc"],
                                  environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/.config", "WARD_AUTHOR": ""], directory: repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("confirmed by reviewer@example.com\n"))
    }

    @Test func aSecretsScanHonoursATriageFileWhoseReasonQuotesTheSecretWithoutShowingIt() throws {
        let bed = try CLITestbed()
        let root = try Fixtures.temporaryDirectory("ward-triaged") + "/repo"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try "token = \"\(Self.token)\"\n".write(toFile: root + "/settings.env", atomically: true, encoding: .utf8)
        let first = try bed.ward(["secrets", root, "--target", "repo", "--format", "json", "-o", bed.directory + "/1.json"])
        #expect(first.status == 1, "\(first.stderr)")
        let findings = bed.findings(try bed.json(bed.directory + "/1.json"))
        let identities = findings.compactMap { $0["identity"] as? String }
        #expect(!identities.isEmpty)
        let entries = identities.map { identity in
            "  - identity: \(identity)\n    state: accepted-risk\n    reason: \"test fixture \(Self.token), revoked\"\n"
                + "    author: ana\n    at: 2026-11-30T08:00:00Z\n    expires: 2099-01-01\n"
        }
        let file = try Fixtures.write("decisions:\n" + entries.joined(), named: "triage.yml")
        let second = try bed.ward(["secrets", root, "--target", "repo", "--triage", file, "--format", "json", "-o", bed.directory + "/2.json"])
        #expect(second.status == 0, "\(second.stderr)")
        let report = try String(contentsOfFile: bed.directory + "/2.json", encoding: .utf8)
        #expect(report.contains("triage accepted-risk by ana, until 2099-01-01: test fixture "))
        #expect(!report.contains(Self.token) && !second.stderr.contains(Self.token))
        #expect(try bed.counts()["triage"] == identities.count)
        let exported = try triage(bed, ["export"]).stdout
        #expect(exported.contains("test fixture ") && !exported.contains(Self.token))
        for name in try FileManager.default.contentsOfDirectory(atPath: bed.directory) where name.hasPrefix("history.sqlite") {
            let data = try Data(contentsOf: URL(fileURLWithPath: bed.directory + "/" + name))
            #expect(data.range(of: Data(Self.token.utf8)) == nil, "\(name)")
        }
    }

    @Test func aDecisionFollowsItsFindingThroughARenameAndIsExportedUnderTheNewIdentity() throws {
        let bed = try CLITestbed()
        let project = try Fixtures.copy("projects/tiny")
        _ = try bed.ward(["import", "--tool", "bandit", "--root", project, "--target", "svc", report, "-q", "-o", bed.directory + "/1.txt"])
        let before = try bed.ward(["findings", "--target", "svc", "--severity", "high", "--format", "json"])
        let identities = bed.findings(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any] ?? [:])
            .compactMap { ($0["finding"] as? [String: Any])?["identity"] as? String }
        #expect(identities.count == 2)
        for identity in identities {
            _ = try bed.ward(["triage", identity, "--state", "false-positive", "--reason", "fixed command line", "--by", "ana"])
        }
        // The file is renamed: the same findings come back under new identities
        try FileManager.default.moveItem(atPath: project + "/pkg/runner.py", toPath: project + "/pkg/shell.py")
        let renamed = try Fixtures.write(try String(contentsOfFile: report, encoding: .utf8).replacingOccurrences(of: "runner.py", with: "shell.py"),
                                         named: "renamed.json")
        let after = try bed.ward(["import", "--tool", "bandit", "--root", project, "--target", "svc", renamed, "-q", "-o", bed.directory + "/2.txt"])
        #expect(after.status == 0, "the decisions followed the findings: \(after.stderr)")
        let exported = try triage(bed, ["export"]).stdout
        #expect(exported.contains("pkg/shell.py") && !exported.contains("pkg/runner.py"), "\(exported)")
        for identity in identities { #expect(!exported.contains(identity)) }
        #expect(exported.components(separatedBy: "state: false-positive").count == 3)
    }
}
