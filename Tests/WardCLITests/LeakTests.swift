import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters
import WardStorage

/// Planted secrets never leave the scanned tree in clear: not in the history (its file, WAL and
/// shared memory, and what Ward's own storage decodes), any report format, stdout, stderr, or any
/// file Ward leaves in its data, run or temporary directory; after a normal run, and after a
/// `kill -9` in the middle of a scan followed by the next run's clean-up.
@Suite("Secret leaks", .serialized)
struct LeakTests {
    /// Directories of one test: Ward's data directory, the temporary directory, the reports.
    struct Bed {
        let directory: String
        var home: String { directory + "/home" }
        var temporary: String { directory + "/tmp" }
        var reports: String { directory + "/reports" }
        var database: String { directory + "/history.sqlite" }
        var environment: [String: String] {
            ["WARD_HOME": home, "WARD_TOOLS_DIR": ManagedTools.binDirectory, "TMPDIR": temporary + "/", "WARD_DB": database]
        }

        init() throws {
            directory = try Fixtures.temporaryDirectory("ward-leakbed")
            for path in [home, temporary, reports] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        }

        func ward(_ arguments: [String]) throws -> WardProcess.Result {
            try WardProcess.run(arguments, environment: environment)
        }

        /// Run directories left under Ward's data directory.
        func leftovers() -> [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: home + "/run")) ?? []
        }
    }

    @Test("no planted secret leaks from a scan with every scanner and every report format, findings or check")
    func normalRun() throws {
        for tool in ["bandit", "semgrep", "trivy", "checkov"] { #expect(ManagedTools.path(tool) != nil, "\(ManagedTools.missingMessage(tool))") }
        let repository = try LeakRepository.plant()
        let bed = try Bed()
        var outputs: [String: String] = [:]
        let scan = try bed.ward(["scan", repository.root, "--format", ReporterRegistry.ids.joined(separator: ","), "--output-dir", bed.reports])
        #expect([1, 2].contains(scan.status), "\(scan.stderr)")
        outputs["scan"] = scan.stdout + scan.stderr
        let findings = try bed.ward(["findings", "--format", "json"])
        #expect(findings.status == 0, "\(findings.stderr)")
        #expect(findings.stdout.contains("private-key"), "the secrets were found")
        outputs["findings"] = findings.stdout + findings.stderr
        outputs["findings table"] = try bed.ward(["findings"]).stdout
        for format in ReporterRegistry.ids {
            let check = try bed.ward(["check", "--format", format])
            outputs["check \(format)"] = check.stdout + check.stderr
        }
        let shown = try bed.ward(["secrets", repository.root, "--show-secrets"])
        outputs["secrets --show-secrets piped"] = shown.stdout + shown.stderr
        #expect(shown.stderr.contains("not a terminal"))

        #expect(bed.leftovers().isEmpty, "run directories left: \(bed.leftovers())")
        let leaks = try Self.leaks(of: repository, bed: bed, outputs: outputs)
        #expect(leaks.isEmpty, "clear secrets: \(leaks.joined(separator: "; "))")
    }

    @Test("a kill -9 of ward scan while semgrep runs kills its tools; the next run removes what it left, and nothing leaks")
    func killedRun() throws {
        #expect(ManagedTools.path("semgrep") != nil, "\(ManagedTools.missingMessage("semgrep"))")
        let repository = try LeakRepository.plant()
        let bed = try Bed()
        let process = try Self.start(["scan", repository.root, "--format", "json", "-o", bed.reports + "/killed.json"], bed: bed)
        let semgrep = try Self.waitForScratch(prefix: "ward-semgrep-", bed: bed)
        #expect(semgrep != nil, "semgrep never started: \(String(decoding: FileManager.default.contents(atPath: bed.directory + "/stderr") ?? Data(), as: UTF8.self))")
        sleep(3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(!bed.leftovers().isEmpty, "a killed run leaves its directory until the next run")
        let survivors = try Self.waitForNoProcess(mentioning: repository.root)
        #expect(survivors.isEmpty, "tools outlived ward: \(survivors)")

        let next = try bed.ward(["scan", repository.root, "--scanners", "secrets", "--format", "json"])
        #expect(next.status == 1, "\(next.stderr)")
        #expect(bed.leftovers().isEmpty, "the next run did not remove \(bed.leftovers())")
        let leaks = try Self.leaks(of: repository, bed: bed, outputs: ["next": next.stdout + next.stderr])
        #expect(leaks.isEmpty, "clear secrets: \(leaks.joined(separator: "; "))")
    }

    @Test("SIGTERM to ward scan kills every tool's process group and removes its run directory at once")
    func terminatedRun() throws {
        let repository = try LeakRepository.plant()
        let bed = try Bed()
        let process = try Self.start(["scan", repository.root, "--scanners", "semgrep"], bed: bed)
        #expect(try Self.waitForScratch(prefix: "ward-semgrep-", bed: bed) != nil, "semgrep never started")
        sleep(2)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        let survivors = try Self.waitForNoProcess(mentioning: repository.root)
        #expect(survivors.isEmpty, "tools outlived ward: \(survivors)")
        #expect(bed.leftovers().isEmpty, "the run directory was left: \(bed.leftovers())")
    }

    // MARK: - Processes

    static func start(_ arguments: [String], bed: Bed) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: WardProcess.executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(bed.environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: bed.directory + "/stderr", contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: bed.directory + "/stderr"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The first scratch directory with `prefix` in any run directory, waiting up to five minutes.
    /// The waits block their thread on purpose: with every test thread busy in other suites, an
    /// `async` sleep may resume only after the scan it watches has finished.
    static func waitForScratch(prefix: String, bed: Bed) throws -> String? {
        for _ in 0..<3000 {
            for run in bed.leftovers() {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: bed.home + "/run/" + run)) ?? []
                if let found = names.first(where: { $0.hasPrefix(prefix) }) { return bed.home + "/run/" + run + "/" + found }
            }
            usleep(100_000)
        }
        return nil
    }

    /// Processes whose command line mentions `text`, after waiting up to five seconds for them to go.
    static func waitForNoProcess(mentioning text: String) throws -> [String] {
        var found: [String] = []
        for _ in 0..<50 {
            found = []
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int32(entry) != nil {
                guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
                let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
                if line.contains(text) { found.append("\(entry): \(line.prefix(120))") }
            }
            if found.isEmpty { return [] }
            usleep(100_000)
        }
        return found
    }

    // MARK: - Leaks

    /// Where any eight consecutive bytes of a planted value appear: the database as stored and as
    /// Ward decodes it, every file under the bed, and the captured outputs.
    static func leaks(of repository: LeakRepository, bed: Bed, outputs: [String: String]) throws -> [String] {
        // Runs of bytes that Ward's shipped rules hold (their public example keys, which Ward caches
        // parsed under its data directory) are public, not a leak.
        let rules = try String(contentsOfFile: Fixtures.repository + "/Sources/WardSecrets/Resources/secret-rules.yaml", encoding: .utf8)
        let windows = LeakWindows(repository.secrets, publicText: rules)
        var places: [String: Data] = outputs.mapValues { Data($0.utf8) }
        let database = try AppDatabase.open(path: bed.database)
        let tracked = try database.findings(matching: FindingQuery())
        places["decoded findings"] = try JSONCoding.encode(tracked, pretty: false)
        places["decoded scans"] = try JSONCoding.encode(try database.scans(target: nil, limit: 100), pretty: false)
        let enumerator = FileManager.default.enumerator(atPath: bed.directory)
        while let relative = enumerator?.nextObject() as? String {
            let path = bed.directory + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            places["file " + relative] = FileManager.default.contents(atPath: path)
            places["name " + relative] = Data(relative.utf8)
        }
        return places.compactMap { place, data in windows.first(in: data).map { "\(place) holds \($0)" } }.sorted()
    }
}

/// Every run of eight bytes of a set of secrets (also JSON-escaped), found in one pass over data.
struct LeakWindows {
    private var windows: [UInt64: String] = [:]

    init(_ secrets: [String], publicText: String = "") {
        let published = Array(publicText.utf8)
        var known = Set<UInt64>()
        if published.count >= 8 { for start in 0...(published.count - 8) { known.insert(Self.key(published[start..<(start + 8)])) } }
        for secret in secrets {
            for form in Set([secret, secret.replacingOccurrences(of: "/", with: "\\/")]) {
                let bytes = Array(form.utf8)
                guard bytes.count >= 8 else { continue }
                for start in 0...(bytes.count - 8) where !known.contains(Self.key(bytes[start..<(start + 8)])) {
                    windows[Self.key(bytes[start..<(start + 8)])] = String(decoding: bytes[start..<(start + 8)], as: UTF8.self)
                }
            }
        }
    }

    /// The first window found in `data`, with the text around it.
    func first(in data: Data) -> String? {
        guard data.count >= 8 else { return nil }
        let bytes = [UInt8](data)
        var key: UInt64 = 0
        for index in bytes.indices {
            key = (key << 8) | UInt64(bytes[index])
            if index >= 7, let window = windows[key] {
                let around = bytes[max(0, index - 80)..<min(bytes.count, index + 40)]
                return "'\(window)' in: " + String(decoding: around, as: UTF8.self).replacingOccurrences(of: "\n", with: "⏎")
            }
        }
        return nil
    }

    private static func key(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
