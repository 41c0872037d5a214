import Foundation
import Testing
import TestSupport
@testable import WardScanners

/// Tool output goes to a locked run directory; what killed runs leave is removed by the next one,
/// and a live run's directory never is.
@Suite("Run directory")
struct RunDirectoryTests {
    @Test("scratch directories are private (0700) and live in this process's locked run directory")
    func scratchIsPrivateAndInside() throws {
        let run = try RunDirectory.active()
        let scratch = try ScratchDirectory(prefix: "ward-test")
        defer { scratch.remove() }
        #expect(scratch.path.hasPrefix(run.path + "/ward-test-"))
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        #expect((try FileManager.default.attributesOfItem(atPath: run.path)[.posixPermissions] as? Int) == 0o700)
        // This process holds the lock: a clean-up never removes its directory.
        let root = (run.path as NSString).deletingLastPathComponent
        #expect(!RunDirectory.removeLeftovers(under: root).contains((run.path as NSString).lastPathComponent))
        #expect(FileManager.default.fileExists(atPath: scratch.path))
    }

    @Test("a directory whose lock nobody holds is removed; a locked one and one still being set up are kept")
    func leftovers() throws {
        let root = try Fixtures.temporaryDirectory("ward-run-root")
        for name in ["dead", "alive", "young"] {
            try FileManager.default.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: false)
            try Data("clear report".utf8).write(to: URL(fileURLWithPath: root + "/" + name + "/report"))
        }
        for name in ["dead", "alive"] { _ = FileManager.default.createFile(atPath: root + "/" + name + "/lock", contents: nil) }
        // Another process holds the live run's lock, as a running ward does.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--exclusive", root + "/alive/lock", "/bin/sleep", "120"]
        // Not the test's own output: a holder outliving the test would keep the runner waiting for it.
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        defer { holder.terminate() }
        // Wait until the other process holds it (long: a loaded machine starts processes slowly).
        var held = false
        for _ in 0..<1200 where !held {
            let descriptor = open(root + "/alive/lock", O_RDONLY)
            held = flock(descriptor, LOCK_EX | LOCK_NB) != 0
            close(descriptor)
            if !held { usleep(50_000) }
        }
        try #require(held, "flock never took the lock")
        let removed = RunDirectory.removeLeftovers(under: root)
        #expect(removed == ["dead"])
        #expect(!FileManager.default.fileExists(atPath: root + "/dead"))
        #expect(FileManager.default.fileExists(atPath: root + "/alive/report"))
        #expect(FileManager.default.fileExists(atPath: root + "/young/report"))
    }
}
