import Foundation
import Testing
import TestSupport

/// `ward diff`, `ward show`, `ward trends` and the reviewer's `ward findings` filters, run as the real
/// binary against a history of real imports (``ReviewHistory``), one of them shaped by an attacker.
@Suite struct ReviewCommandTests {
    /// Runs `ward` and requires success.
    func run(_ history: ReviewHistory, _ arguments: [String]) throws -> String {
        let result = try history.bed.ward(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func rules(_ findings: Any?) -> [String] {
        ((findings as? [[String: Any]]) ?? []).compactMap { ($0["finding"] as? [String: Any])?["ruleID"] as? String }.sorted()
    }

    @Test func diffDefaultsToTheLastTwoCompleteScansAndMatchesTheGoldenFiles() throws {
        let history = try ReviewHistory()
        #expect(history.scans.count == 3)
        // The default diff is scan 2 → scan 3: the line-11 injection fixed, the subprocess import raised, the planted finding new
        let document = try json(try run(history, ["diff", "--format", "json"]))
        #expect((document["from"] as? [String: Any])?["scanID"] as? String == history.scans[1])
        #expect((document["to"] as? [String: Any])?["scanID"] as? String == history.scans[2])
        #expect(rules(document["new"]) == [ReviewHistory.hostileRule])
        #expect(rules(document["fixed"]) == ["B608"])
        let changed = (document["severityChanged"] as? [[String: Any]]) ?? []
        #expect(changed.count == 1 && changed.first?["to"] as? String == "high", "\(changed)")
        for (format, file) in [("table", "diff.txt"), ("csv", "diff.csv"), ("markdown", "diff.md")] {
            #expect(try GoldenFiles.mismatch(Data(history.normalized(try run(history, ["diff", "--format", format])).utf8), "review/" + file) == nil)
        }
    }

    @Test func namedScansAreComparedInTheOrderGiven() throws {
        let history = try ReviewHistory()
        // Bandit 1.7.0 calls the MD5 finding B303, 1.9.4 B324
        let first = try json(try run(history, ["diff", String(history.scans[0].prefix(8)), history.scans[1], "--format", "json"]))
        #expect(rules(first["new"]) == ["B324"] && rules(first["fixed"]) == ["B303"])
        // One scan: from it to the latest complete one
        let since = try json(try run(history, ["diff", history.scans[0], "--format", "json"]))
        #expect((since["to"] as? [String: Any])?["scanID"] as? String == history.scans[2])
        #expect(rules(since["fixed"]) == ["B303", "B608"])
    }

    @Test func showTellsTheWholeStoryAndNeverTheSecret() throws {
        let history = try ReviewHistory()
        let listing = try json(try run(history, ["findings", "--format", "json", "--rule", "B404"]))
        let identity = try #require(((listing["findings"] as? [[String: Any]])?.first?["finding"] as? [String: Any])?["identity"] as? String)
        // The subprocess import: seen by all three scans, raised to high by the last
        let table = try run(history, ["show", String(identity.prefix(12))])
        #expect(try GoldenFiles.mismatch(Data(history.normalized(table).utf8), "review/show.txt") == nil)
        #expect(table.contains("Scans (3):") && table.contains("severity-changed"), "\(table)")
        let story = try json(try run(history, ["show", identity, "--format", "json", "--target", "tiny"]))
        #expect((story["scans"] as? [[String: Any]])?.count == 3)
        #expect((story["sightings"] as? [[String: Any]])?.allSatisfy { ($0["raw"] as? String)?.contains("B404") == true } == true)
        #expect((story["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String } == ["opened", "severity-changed"])
        // The planted finding: its message and raw record carried an AWS key id
        let planted = try json(try run(history, ["findings", "--format", "json", "--rule", ReviewHistory.hostileRule]))
        let plantedID = try #require(((planted["findings"] as? [[String: Any]])?.first?["finding"] as? [String: Any])?["identity"] as? String)
        for format in ["table", "json"] {
            let output = try run(history, ["show", String(plantedID.prefix(8)), "--format", format])
            #expect(!output.contains(history.secret), "\(format) shows the secret")
            #expect(output.contains("aws_access_key_id"), "\(format): \(output)")
        }
    }

    @Test func hostileValuesAreInertInEveryFormat() throws {
        let history = try ReviewHistory()
        let planted = try json(try run(history, ["findings", "--format", "json", "--rule", ReviewHistory.hostileRule]))
        let identity = try #require(((planted["findings"] as? [[String: Any]])?.first?["finding"] as? [String: Any])?["identity"] as? String)
        let outputs: [(String, [String])] = [
            ("table", ["findings"]), ("csv", ["findings", "--format", "csv"]), ("table", ["diff"]), ("csv", ["diff", "--format", "csv"]),
            ("markdown", ["diff", "--format", "markdown"]), ("table", ["show", identity]), ("table", ["trends"]),
        ]
        for (format, arguments) in outputs {
            let output = try run(history, arguments)
            // No escape, bell or other control character reaches a terminal, a spreadsheet or a comment
            let controls = output.unicodeScalars.filter { $0.value < 0x20 && !["\n", "\r"].contains($0) || (0x7F...0x9F).contains($0.value) }
            #expect(controls.isEmpty, "\(arguments): \(controls.map(\.value))")
            #expect(output.contains("calc") || arguments == ["trends"], "\(arguments) lists the hostile finding")
            if format == "csv" {
                let rows = CSVRows.parse(output)
                #expect(Set(rows.map(\.count)).count == 1, "\(arguments): every row has the header's cells")
                for cell in rows.joined() {
                    #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? ""), "\(arguments): cell \(cell)")
                }
                #expect(rows.joined().contains { $0.hasPrefix("'=cmd|") }, "\(arguments)")
                #expect(rows.joined().contains(where: { $0.contains("\"quoted\"") && $0.contains("\n") }) || arguments[0] != "findings")
            }
            if format == "markdown" {
                #expect(!output.contains("](") && !output.contains("<"), "\(output)")
                for line in output.split(separator: "\n") where line.hasPrefix("| ") {
                    let pipes = line.filter { $0 == "|" }.count - (line.components(separatedBy: "\\|").count - 1)
                    #expect(pipes == 6, "a table row keeps its five cells: \(line)")
                }
            }
        }
        // JSON keeps the values as data, escaped
        let document = try json(try run(history, ["diff", "--format", "json"]))
        #expect(rules(document["new"]) == [ReviewHistory.hostileRule])
    }

    @Test func unknownIdsAndBadValuesExit3WithOneLine() throws {
        let history = try ReviewHistory()
        let cases: [([String], String)] = [
            (["show", "deadbeefdeadbeef"], "deadbeefdeadbeef"), (["show", "v1:nosuchfinding"], "nosuchfinding"),
            (["diff", "nosuchscan", history.scans[1]], "nosuchscan"), (["diff", history.scans[0], "feedfacefeed"], "feedfacefeed"),
            (["diff", history.scans[2]], "latest complete scan"), (["trends", "--target", "nowhere"], "nowhere"),
            (["findings", "--since", "last tuesday"], "--since"), (["findings", "--until", "2026-02-30"], "--until"),
            (["findings", "--since", "2026-02-30T00:00:00Z"], "--since"), (["findings", "--since", "2026-01-01\u{1b}[31m"], "--since '2026-01-01?[31m'"),
            (["findings", "--cwe", "XSS"], "--cwe"), (["findings", "--triage", "ignored"], "false-positive"),
            (["findings", "--format", "sarif"], "csv"), (["diff", "--format", "html"], "markdown"),
            (["trends", "--interval", "year"], "month"), (["show", "x", "--format", "csv"], "json"),
        ]
        for (arguments, named) in cases {
            let result = try history.bed.ward(arguments)
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(named), "\(arguments): \(result.stderr)")
        }
    }

    @Test func severalTargetsRequireOneToBeNamed() throws {
        let history = try ReviewHistory()
        let other = try history.bed.ward(["import", "--tool", "bandit", "--root", Fixtures.path("projects/tiny"), "--target", "other",
                                          Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json"), "-o", history.bed.directory + "/o.txt"])
        #expect([0, 1].contains(other.status), "\(other.stderr)")
        for arguments in [["diff"], ["trends"]] {
            let result = try history.bed.ward(arguments)
            #expect(result.status == 3 && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("--target") && result.stderr.contains("'other'") && result.stderr.contains("'tiny'"), "\(result.stderr)")
        }
        #expect(try history.bed.ward(["diff", "--target", "other"]).stderr.contains("1 complete scan"))
        #expect(try run(history, ["diff", "--target", "tiny"]).contains("severity changed 1"))
    }

    @Test func findingsFilterByReviewFields() throws {
        let history = try ReviewHistory()
        func listed(_ arguments: [String]) throws -> [String] { rules(try json(try run(history, ["findings", "--format", "json"] + arguments))["findings"]) }
        #expect(try listed(["--rule", "B324,B303"]) == ["B303", "B324"])
        #expect(try listed(["--rule", "B324", "--rule", "B301"]) == ["B301", "B324"])
        #expect(try listed(["--cwe", "89"]) == ["B608", "B608"])
        #expect(try listed(["--cwe", "CWE-89", "--status", "open"]) == ["B608"])
        #expect(try listed(["--until", "2000-01-01"]).isEmpty)
        #expect(try listed(["--since", "2000-01-01T00:00:00Z"]).count == 9)
        #expect(try listed(["--since", "2099-01-01"]).isEmpty)
        #expect(try listed(["--suppressed"]).isEmpty)
        #expect(try listed(["--no-suppressed"]).count == 9)
        #expect(try listed(["--triage", "false-positive"]).isEmpty)
        #expect(try listed(["--advisory", "GHSA-none"]).isEmpty)
        let all = try json(try run(history, ["findings", "--format", "json", "--sort", "path"]))
        let paths = ((all["findings"] as? [[String: Any]]) ?? []).compactMap { (($0["finding"] as? [String: Any])?["location"] as? [String: Any])?["path"] as? String }
        #expect(paths == paths.sorted(), "\(paths)")
        let identity = try #require(((all["findings"] as? [[String: Any]])?.first?["finding"] as? [String: Any])?["identity"] as? String)
        #expect(try listed(["--identity", String(identity.prefix(12))]).count == 1)
        #expect(try GoldenFiles.mismatch(Data(history.normalized(try run(history, ["findings", "--format", "csv", "--sort", "rule"])).utf8), "review/findings.csv") == nil)
    }

    @Test func trendsCountOpenNewReopenedAndFixed() throws {
        let history = try ReviewHistory()
        let document = try json(try run(history, ["trends", "--interval", "day", "--format", "json"]))
        let points = (document["points"] as? [[String: Any]]) ?? []
        #expect(points.count == 1 && document["target"] as? String == "tiny")
        // 7 + B324 + the planted one reported, B303 and the line-11 injection fixed
        #expect(points.first?["new"] as? Int == 9 && points.first?["fixed"] as? Int == 2 && points.first?["openTotal"] as? Int == 7, "\(points)")
        #expect(points.first?["meanTimeToFixSeconds"] != nil)
        let csv = try run(history, ["trends", "--format", "csv", "--interval", "month"])
        let stable = csv.replacingOccurrences(of: #",\d+\r\n"#, with: ",<seconds>\r\n", options: .regularExpression)
        #expect(try GoldenFiles.mismatch(Data(history.normalized(stable).utf8), "review/trends.csv") == nil)
        #expect(try GoldenFiles.mismatch(Data(history.normalized(try run(history, ["trends", "--interval", "week"])).utf8), "review/trends.txt") == nil)
    }

    @Test func reviewDocumentsMatchTheSchema() throws {
        let checker = try #require(TestTools.path("check-jsonschema"), Comment(rawValue: TestTools.missingMessage("check-jsonschema")))
        let history = try ReviewHistory()
        let planted = try json(try run(history, ["findings", "--format", "json", "--rule", ReviewHistory.hostileRule]))
        let identity = try #require(((planted["findings"] as? [[String: Any]])?.first?["finding"] as? [String: Any])?["identity"] as? String)
        var files: [String] = []
        for (index, arguments) in [["diff"], ["diff", history.scans[0], history.scans[1]], ["show", identity], ["trends"], ["findings"]].enumerated() {
            let file = history.bed.directory + "/review-\(index).json"
            try Data(try run(history, arguments + ["--format", "json"]).utf8).write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let check = try TestTools.run(checker, ["--schemafile", ReportSchemaValidationTests.schema] + files)
        #expect(check.status == 0, "\(check.output)")
    }
}

/// A small RFC 4180 reader, to check Ward's CSV as a spreadsheet would split it.
enum CSVRows {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { cell.append("\""); characters.removeFirst() } else { quoted = false }
                } else { cell.append(character) }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": row.append(cell); cell = ""
            case "\r\n", "\n": row.append(cell); rows.append(row); row = []; cell = ""
            default: cell.append(character)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}
