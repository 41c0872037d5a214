import Foundation
import Testing
import TestSupport
import WardCore
import WardStorage

/// Seven scans of an evolving repository with the real Bandit and pip-audit: fixes, new findings,
/// inserted lines, a `git mv`, a duplicated flagged line, a reintroduced vulnerable pin, a triage
/// decision of each kind and an accepted risk that expires. Every status, event, identity and gate
/// verdict is checked along the way, and `ward check` of each stored scan agrees with its live gate.
@Suite(.serialized) struct HistoryStoryTests {
    @Test func sevenScansOfAnEvolvingRepositoryTellEveryFindingsStory() throws {
        try #require(ManagedTools.path("bandit") != nil, Comment(rawValue: ManagedTools.missingMessage("bandit")))
        try #require(ManagedTools.path("pip-audit") != nil, Comment(rawValue: ManagedTools.missingMessage("pip-audit")))
        let story = try HistoryStory()
        defer { story.stop() }
        var scans: [HistoryStory.Scan] = []

        // 1. The first scan opens every finding, and the gate fails on them.
        try story.commit(["app.py": HistoryStory.app + HistoryStory.calc, "util.py": HistoryStory.util, "requirements.txt": HistoryStory.requirements()], message: "first")
        let first = try story.scan("s1")
        scans.append(first)
        let shell = try story.finding("B602"), md5 = try story.finding("B324"), pickle = try story.finding("B301")
        let eval = try story.finding("B307"), yaml = try story.finding("B506")
        let pyyaml = try story.finding("CVE-2020-14343"), requests = try story.finding("CVE-2018-18074")
        for tracked in [shell, md5, pickle, eval, yaml, pyyaml, requests] {
            #expect(tracked.status == .open)
            #expect(tracked.firstSeenScanID == first.id)
            #expect(try story.events(tracked.finding.identity).map(\.kind) == [.opened])
        }
        #expect(first.status == 1)
        #expect(first.failing == Set([shell, md5, pickle, eval, yaml, pyyaml, requests].map(\.finding.identity)))

        // A false positive, and an accepted risk without the expiry the policy requires.
        #expect(try story.triage(md5.finding.identity, "false-positive", "the digest is a cache key, not a signature").status == 0)
        #expect(try story.triage(pickle.finding.identity, "accepted-risk", "only our own cache files are unpickled").status == 0)

        // 2. Lines inserted above every finding and eval() removed: one fix, every other identity kept.
        try story.commit(["app.py": HistoryStory.header + HistoryStory.app], message: "drop calc")
        let second = try story.scan("s2")
        scans.append(second)
        #expect(try story.finding("B307").status == .fixed)
        #expect(try story.events(eval.finding.identity).map(\.kind) == [.opened, .fixed])
        #expect(try story.events(eval.finding.identity).last?.scanID == second.id)
        for tracked in [shell, md5, pickle] {
            let now = try story.finding(tracked.finding.ruleID)
            #expect(now.finding.identity == tracked.finding.identity)
            #expect(now.finding.location?.startLine == (tracked.finding.location?.startLine ?? 0) + 3)
        }
        // The false positive is honoured; the accepted risk without expiry is not.
        #expect(second.status == 1)
        #expect(second.failing == Set([shell, pickle, yaml, pyyaml, requests].map(\.finding.identity)))

        #expect(try story.triage(pickle.finding.identity, "accepted-risk", "only our own cache files are unpickled",
                                 expires: HistoryStory.day(30)).status == 0)
        #expect(try story.triage(yaml.finding.identity, "confirmed", "user input reaches yaml.load").status == 0)
        #expect(try story.triage(shell.finding.identity, "confirmed", "shell injection through cmd").status == 0)

        // 3. git mv: the YAML finding gets a new identity and keeps its story and triage.
        try story.git(["mv", "util.py", "loader.py"])
        try story.git(["commit", "-q", "-m", "rename"])
        let third = try story.scan("s3")
        scans.append(third)
        #expect(third.summary.contains("0 new"), "\(third.summary)")
        #expect(third.summary.contains("0 fixed"), "\(third.summary)")
        let moved = try story.finding("B506")
        #expect(moved.finding.location?.path == "loader.py")
        #expect(moved.firstSeenScanID == first.id)
        #expect(try story.events(moved.finding.identity).map(\.kind) == [.opened, .triaged, .moved])
        let movedTriage = try AppDatabase.open(path: story.database).triageHistory(identity: moved.finding.identity, target: HistoryStory.target)
        #expect(movedTriage.map(\.state) == [.confirmed])
        #expect(third.status == 1)
        #expect(third.failing == Set([shell.finding.identity, moved.finding.identity, pyyaml.finding.identity, requests.finding.identity]))

        // 4. The shell line duplicated, and requests upgraded: the original keeps its story, the copy is new.
        try story.commit(["app.py": HistoryStory.header + HistoryStory.app + HistoryStory.copy, "requirements.txt": HistoryStory.requirements(requests: "2.20.0")],
                         message: "copy and upgrade")
        let fourth = try story.scan("s4")
        scans.append(fourth)
        #expect(try story.finding("CVE-2018-18074").status == .fixed)
        let shells = try story.findings("B602").filter { $0.status == .open }
        #expect(shells.count == 2)
        let original = try #require(shells.first { $0.finding.location?.startLine == (shell.finding.location?.startLine ?? 0) + 3 })
        let duplicate = try #require(shells.first { $0.finding.location?.startLine != original.finding.location?.startLine })
        #expect(original.firstSeenScanID == first.id)
        #expect(try story.events(original.finding.identity).map(\.kind) == [.opened, .triaged])
        #expect(duplicate.firstSeenScanID == fourth.id)
        #expect(try story.events(duplicate.finding.identity).map(\.kind) == [.opened])
        #expect(fourth.summary.contains("1 new"), "\(fourth.summary)")
        #expect(fourth.status == 1)

        // 5. The vulnerable pin comes back: reopened, with its first sighting and its fix kept.
        try story.commit(["requirements.txt": HistoryStory.requirements()], message: "pin back")
        let fifth = try story.scan("s5")
        scans.append(fifth)
        let reopened = try story.finding("CVE-2018-18074")
        #expect(reopened.status == .open)
        #expect(reopened.firstSeenScanID == first.id)
        let requestEvents = try story.events(reopened.finding.identity)
        #expect(requestEvents.map(\.kind) == [.opened, .fixed, .reopened])
        #expect(requestEvents.map(\.scanID) == [first.id, fourth.id, fifth.id])
        #expect(fifth.summary.contains("1 reopened"), "\(fifth.summary)")
        #expect(fifth.failing.contains(reopened.finding.identity))

        #expect(try story.triage(moved.finding.identity, "fixed-elsewhere", "the gateway validates every document").status == 0)
        #expect(try story.triage(md5.finding.identity, "reopen", "md5 now also signs session tokens").status == 0)

        // 6. Nothing changes in the code, but the reopened false positive counts again.
        let sixth = try story.scan("s6")
        scans.append(sixth)
        #expect(sixth.status == 1)
        #expect(sixth.failing.contains(md5.finding.identity))
        #expect(sixth.failing.contains(moved.finding.identity), "fixed-elsewhere is a statement, not a waiver")
        #expect(!sixth.failing.contains(pickle.finding.identity))

        #expect(try story.triage(md5.finding.identity, "false-positive", "tokens moved to HMAC; md5 keys the cache only").status == 0)

        // 7. Everything else fixed: the gate passes on the waived findings alone, until the accepted risk expires.
        let fixedApp = HistoryStory.header + HistoryStory.app.replacingOccurrences(of: "subprocess.call(cmd, shell=True)", with: "subprocess.call([cmd])")
        try story.commit(["app.py": fixedApp, "loader.py": HistoryStory.util.replacingOccurrences(of: "yaml.load", with: "yaml.safe_load"),
                          "requirements.txt": HistoryStory.requirements(yaml: "5.4", requests: "2.20.0")], message: "fix")
        let seventh = try story.scan("s7")
        scans.append(seventh)
        #expect(seventh.status == 0, "\(seventh.failing)")
        for tracked in try story.findings("B602") + [try story.finding("B506"), try story.finding("CVE-2020-14343"), try story.finding("CVE-2018-18074")] {
            #expect(tracked.status == .fixed, "\(tracked.finding.ruleID)")
            #expect(try story.events(tracked.finding.identity).last?.kind == .fixed)
            #expect(try story.events(tracked.finding.identity).last?.scanID == seventh.id)
        }
        #expect(try story.finding("B324").status == .open)
        #expect(try story.finding("B301").status == .open)
        let expired = try story.check(seventh.id, now: HistoryStory.day(31))
        #expect(expired.status == 1)
        #expect(expired.failing == [pickle.finding.identity])

        // The reviewer's commands tell the same story.
        let shown = try story.ward(["show", String(original.finding.identity.prefix(12)), "--target", HistoryStory.target])
        #expect(shown.status == 0, "\(shown.stderr)")
        for scan in scans.prefix(6) {
            #expect(shown.stdout.contains(String(scan.id.prefix(8))), "show lists scan \(scan.id.prefix(8))")
        }
        let diff = try story.ward(["diff", fourth.id, fifth.id, "--format", "json"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains(reopened.finding.identity))
    }
}
