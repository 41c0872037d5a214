import Foundation
import Testing
import TestSupport

/// The relocatable release of `scripts/release`, unpacked into a fresh directory and run with the
/// source tree and every build tree hidden (an empty tmpfs mounted over the repository in a
/// private mount namespace), so that nothing but the archive's own files can serve the binary.
@Suite(.serialized) struct ReleaseArchiveTests {
    /// Runs `arguments` in `directory` with the repository hidden; standard output and error combined.
    static func runHidingTheRepository(_ arguments: [String], in directory: String,
                                       environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let hide = "mount -t tmpfs -o size=1m,mode=0755 ward-hidden \"$0\" && exec \"$@\""
        let unshare = getuid() == 0 ? ["--mount"] : ["--mount", "--map-root-user"]
        return try Shell.run("/usr/bin/unshare", unshare + ["/bin/sh", "-c", hide, Fixtures.repository] + arguments,
                             directory: directory, environment: environment)
    }

    /// A scratch area outside the repository: Ward's data directory, the tools it may use, the demo.
    struct Scratch {
        let directory: String
        let demo: String
        let environment: [String: String]

        init() throws {
            directory = try Fixtures.temporaryDirectory("ward-release-run")
            demo = directory + "/demo-app"
            try FileManager.default.copyItem(atPath: Fixtures.path("demo-app"), toPath: demo)
            environment = ["WARD_HOME": directory + "/home", "WARD_TOOLS_DIR": ManagedTools.binDirectory, "NO_COLOR": "1"]
        }
    }

    @Test func theUnpackedReleaseScansTheDemoWithNoBuildTreeAround() throws {
        try #require(ManagedTools.path("semgrep") != nil, Comment(rawValue: ManagedTools.missingMessage("semgrep")))
        let release = try ReleaseArchive.current()
        let ward = try release.unpack() + "/bin/ward"
        let scratch = try Scratch()
        let report = scratch.directory + "/scan.json"
        let scan = try Self.runHidingTheRepository(
            [ward, "scan", scratch.demo, "--scanners", "secrets,semgrep,bandit", "--policy", "strict",
             "--db", scratch.directory + "/history.sqlite", "--format", "json", "-o", report],
            in: scratch.directory, environment: scratch.environment)
        // The demo is vulnerable: the gate fails (1) on a complete scan.
        #expect(scan.status == 1, "\(scan.output)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any] ?? [:]
        let runs = document["toolRuns"] as? [[String: Any]] ?? []
        let findings = document["findings"] as? [[String: Any]] ?? []
        for tool in ["secrets", "semgrep", "bandit"] {
            #expect(runs.contains { $0["toolID"] as? String == tool && $0["state"] as? String == "succeeded" }, "\(tool): \(runs)")
            // Semgrep's findings come from the rule pack beside the binary, the secrets' from its rules.
            #expect(findings.contains { $0["toolID"] as? String == tool }, "no \(tool) finding")
        }
        let tools = try Self.runHidingTheRepository([ward, "tools", "list"], in: scratch.directory, environment: scratch.environment)
        #expect(tools.status == 0, "\(tools.output)")
        #expect(tools.output.contains("semgrep"), "\(tools.output)")
    }

    @Test func withoutItsResourceFoldersTheReleaseFailsInsteadOfReadingTheSourceTree() throws {
        let release = try ReleaseArchive.current()
        let unpacked = try release.unpack()
        for folder in ["bin/ward_WardScanners.resources", "bin/ward_WardSecrets.resources", "share"] {
            try FileManager.default.removeItem(atPath: unpacked + "/" + folder)
        }
        let scratch = try Scratch()
        let secrets = try Self.runHidingTheRepository(
            [unpacked + "/bin/ward", "secrets", scratch.demo, "--db", scratch.directory + "/history.sqlite"],
            in: scratch.directory, environment: scratch.environment)
        #expect(secrets.status == 2 || secrets.status == 3, "\(secrets.output)")
        let policy = try Self.runHidingTheRepository(
            [unpacked + "/bin/ward", "scan", scratch.demo, "--scanners", "bandit", "--policy", "strict", "--db", scratch.directory + "/history.sqlite"],
            in: scratch.directory, environment: scratch.environment)
        #expect(policy.status == 3, "\(policy.output)")
    }

    @Test func theBinaryLinksOnlyTheRuntimePackagesTheReadmeNames() throws {
        let release = try ReleaseArchive.current()
        let ward = try release.unpack() + "/bin/ward"
        let listed = try TestTools.run(Fixtures.repository + "/scripts/install-system-packages", ["--release", "--print"])
        let runtime = Set(listed.output.split(whereSeparator: \.isWhitespace).map(String.init))
        let readme = try String(contentsOfFile: Fixtures.repository + "/README.md", encoding: .utf8)
        #expect(readme.contains(runtime.sorted().joined(separator: " ")), "the README does not name the runtime packages \(runtime.sorted())")

        let ldd = try TestTools.run("/usr/bin/ldd", [ward])
        #expect(ldd.status == 0, "\(ldd.output)")
        #expect(!ldd.output.contains("not found"), "\(ldd.output)")
        #expect(!ldd.output.contains("libswift") && !ldd.output.contains("libFoundation"), "the Swift runtime is linked dynamically: \(ldd.output)")
        // What the binary itself links (its dependencies' own dependencies come with their packages).
        let dynamic = try TestTools.run("/usr/bin/objdump", ["-p", ward])
        let needed = dynamic.output.matches(of: /NEEDED\s+(\S+)/).map { String($0.1) }
        #expect(needed.contains("libhs.so.5") && needed.contains("libpcre2-8.so.0"), "\(needed)")
        // The C and C++ runtimes every Debian system has (apt itself needs them).
        let base: Set<String> = ["libc6", "libgcc-s1", "libstdc++6"]
        for name in needed where !name.hasPrefix("ld-linux") {
            let line = try #require(ldd.output.split(separator: "\n").first { $0.contains(name + " => ") }, "\(name) is not resolved")
            let library = String(line.split(separator: " ").first { $0.hasPrefix("/") } ?? "")
            var owner = try TestTools.run("/usr/bin/dpkg", ["-S", library])
            if owner.status != 0 {
                // Merged /usr: dpkg knows the library under the directory's real path.
                let real = try TestTools.run("/usr/bin/readlink", ["-f", (library as NSString).deletingLastPathComponent])
                let directory = real.output.trimmingCharacters(in: .whitespacesAndNewlines)
                owner = try TestTools.run("/usr/bin/dpkg", ["-S", directory + "/" + (library as NSString).lastPathComponent])
            }
            let package = owner.output.split(separator: ":").first.map(String.init) ?? ""
            #expect(runtime.contains(package) || base.contains(package), "\(name) comes from \(package), which the runtime list lacks")
        }
    }

    @Test func theReadmeStatesTheNewestGlibcTheBinaryNeeds() throws {
        let ward = try ReleaseArchive.current().unpack() + "/bin/ward"
        let symbols = try TestTools.run("/usr/bin/objdump", ["-T", ward])
        #expect(symbols.status == 0, "\(symbols.output.prefix(500))")
        let versions = symbols.output.matches(of: /GLIBC_2\.([0-9]+)/).compactMap { Int($0.1) }
        let newest = try #require(versions.max())
        let readme = try String(contentsOfFile: Fixtures.repository + "/README.md", encoding: .utf8)
        #expect(readme.contains("glibc 2.\(newest)"), "the binary needs glibc 2.\(newest)")
    }
}
