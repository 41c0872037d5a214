import Foundation

/// `fixtures/hostile-repo` made whole at run time: a copy of the fixture turned into a git
/// repository whose configuration runs a marker-writing fsmonitor, links out of the tree and back up
/// it, FIFOs where scanners look, a requirements file pointing at a package index on loopback
/// whose package runs code when built, and a canary directory outside the tree.
public final class HostileRepository: @unchecked Sendable {
    /// The scanned tree.
    public let root: String
    /// The canary directory outside the tree: nothing may read it.
    public let canary: String
    /// Where any code the repository manages to run leaves a marker (`WARD_HOSTILE_MARKERS`).
    public let markers: String
    /// Every request the package index received, one path a line.
    public let indexLog: String
    /// A secret only the canary holds.
    public static let canarySecret = "ghp_Zq8rT4canaryN0tReal5Hk2Lp9Wd3Xm7Vb1Cy"

    private let index: AdvisoryServer

    /// Builds the repository and starts its package index.
    public init() throws {
        let base = try Fixtures.temporaryDirectory("ward-hostile")
        root = base + "/repo"
        canary = base + "/canary"
        markers = base + "/markers"
        indexLog = base + "/index.log"
        try FileManager.default.copyItem(atPath: Fixtures.path("hostile-repo"), toPath: root)
        for directory in [canary, markers] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try Self.write("django==1.2\n", canary + "/requirements.txt")
        try Self.write("import subprocess\nsubprocess.call(input(), shell=True)\n", canary + "/evil.py")
        try Self.write("TOKEN=\(Self.canarySecret)\n", canary + "/secret.env")
        index = try AdvisoryServer(script: Fixtures.path("hostile-index/index_server.py"), arguments: [indexLog, markers])
        let port = index.port
        try Self.write("""
            --index-url http://127.0.0.1:\(port)/simple/
            --extra-index-url http://127.0.0.1:\(port)/simple/
            --find-links http://127.0.0.1:\(port)/files/
            evilpkg==1.0
            requests==2.19.0
            flask>=2
            -e git+http://127.0.0.1:\(port)/x.git#egg=x
            -r \(canary)/requirements.txt

            """, root + "/requirements.txt")
        try makeRepository()
        try makeTraps()
    }

    /// Stops the package index.
    public func stop() {
        index.stop()
    }

    /// The markers left by code the repository ran: must stay empty.
    public func markersLeft() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: markers)) ?? []
    }

    /// The requests the package index received: must stay empty.
    public func indexRequests() -> [String] {
        ((try? String(contentsOfFile: indexLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private func makeRepository() throws {
        try git(["init", "-q"])
        try git(["config", "user.email", "hostile@example.invalid"])
        try git(["config", "user.name", "hostile"])
        try git(["add", "-A"])
        try git(["add", "-f", "leaked.env"])
        try git(["commit", "-q", "-m", "hostile"])
        let monitor = markers + "/../fsmonitor.sh"
        try Self.write("#!/bin/sh\ntouch '\(markers)/git-fsmonitor-ran'\n", monitor)
        chmod(monitor, 0o755)
        try git(["config", "core.fsmonitor", monitor])
        try git(["config", "core.pager", monitor])
        try git(["config", "diff.external", monitor])
    }

    private func makeTraps() throws {
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: root + "/dir_link", withDestinationPath: canary)
        try manager.createDirectory(atPath: root + "/loopdir", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: root + "/loopdir/up", withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: root + "/outside.py", withDestinationPath: canary + "/evil.py")
        try manager.createSymbolicLink(atPath: root + "/requirements-outside.txt", withDestinationPath: canary + "/requirements.txt")
        for fifo in ["requirements-fifo.txt", "stuck.py", "stuck.tf", "stuck.yaml", "deploy/stuck.env"] where mkfifo(root + "/" + fifo, 0o600) != 0 {
            throw SetupFailure(message: "mkfifo \(fifo) failed")
        }
    }

    private func git(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SetupFailure(message: "git \(arguments.joined(separator: " ")) failed") }
    }

    private static func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }



    /// Why the repository could not be built.
    public struct SetupFailure: Error, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        public var description: String { message }
    }
}
