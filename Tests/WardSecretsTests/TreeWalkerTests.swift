import Foundation
import Testing
import TestSupport
import WardSecrets

/// Ward's one walk of a scanned tree, on trees built to trap it: links out of the tree and back up
/// it, FIFOs and sockets, and a file `.gitignore` matches although git tracks it.
@Suite struct TreeWalkerTests {
    func walker(gitignore: Bool = false, tracked: Set<String> = []) -> TreeWalker {
        TreeWalker(excludedDirectories: SecretScanOptions.defaultExcludedDirectories, honourGitignore: gitignore, tracked: tracked)
    }

    func write(_ text: String, _ path: String, in root: String) throws {
        let file = root + "/" + path
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    }

    @Test func linksAreListedNeverFollowedSoLoopsAndOutsideFilesStayOut() throws {
        // Given a tree with a link to a directory outside it, a loop back to its own root and a linked .py outside it
        let outside = try Fixtures.temporaryDirectory("ward-outside")
        try write("secret = 1\n", "elsewhere/requirements.txt", in: outside)
        try write("import os\n", "evil.py", in: outside)
        let root = try Fixtures.temporaryDirectory()
        try write("six==1.16.0\n", "requirements.txt", in: root)
        try FileManager.default.createDirectory(atPath: root + "/loopdir", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/loopdir/up", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: root + "/dir_link", withDestinationPath: outside + "/elsewhere")
        try FileManager.default.createSymbolicLink(atPath: root + "/linked.py", withDestinationPath: outside + "/evil.py")
        // When it is walked
        let walk = walker().walk(under: root)
        // Then only the one regular file is taken, and every link is listed as skipped
        #expect(walk.files == ["requirements.txt"])
        #expect(Set(walk.skipped) == [
            TreeWalk.Skipped(path: "dir_link", reason: "symbolic link"), TreeWalk.Skipped(path: "linked.py", reason: "symbolic link"),
            TreeWalk.Skipped(path: "loopdir/up", reason: "symbolic link"),
        ])
    }

    @Test func fifosAndSocketsAreListedAndTheWalkNeverBlocks() throws {
        let root = try Fixtures.temporaryDirectory()
        try write("x = 1\n", "app.py", in: root)
        #expect(mkfifo(root + "/requirements.txt", 0o600) == 0)
        #expect(mkfifo(root + "/pipe.py", 0o600) == 0)
        let socketPath = root + "/daemon.sock"
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(bound == 0)
        let walk = walker().walk(under: root)
        #expect(walk.files == ["app.py"])
        #expect(walk.skipped.map(\.note) == ["daemon.sock: socket, not scanned", "pipe.py: FIFO, not scanned", "requirements.txt: FIFO, not scanned"])
    }

    @Test func trackedFilesAreWalkedEvenWhenGitignoreMatchesThem() throws {
        // Given a .gitignore hiding a file and a directory, one file of each tracked (git add -f)
        let root = try Fixtures.temporaryDirectory()
        try write("secrets.env\nprivate/\n*.log\n", ".gitignore", in: root)
        try write("k=1\n", "secrets.env", in: root)
        try write("k=2\n", "private/keys/prod.env", in: root)
        try write("k=3\n", "private/keys/untracked.env", in: root)
        try write("k=4\n", "debug.log", in: root)
        let tracked: Set<String> = [".gitignore", "secrets.env", "private/keys/prod.env"]
        // Then the tracked ones are walked, the ignored untracked ones are not
        #expect(Set(walker(gitignore: true, tracked: tracked).files(under: root)) == [".gitignore", "secrets.env", "private/keys/prod.env"])
        #expect(Set(walker(gitignore: true).files(under: root)) == [".gitignore"])
        #expect(Set(walker(gitignore: false).files(under: root)) == [".gitignore", "secrets.env", "private/keys/prod.env", "private/keys/untracked.env", "debug.log"])
    }

    @Test func aGitignoreOrExcludeFileThatIsAFIFOOrALinkIsNotRead() throws {
        let root = try Fixtures.temporaryDirectory()
        try write("k=1\n", "secret.env", in: root)
        try FileManager.default.createDirectory(atPath: root + "/.git/info", withIntermediateDirectories: true)
        #expect(mkfifo(root + "/.git/info/exclude", 0o600) == 0)
        #expect(mkfifo(root + "/.gitignore", 0o600) == 0)
        let outside = try Fixtures.temporaryDirectory("ward-outside")
        try write("*.env\n", ".gitignore", in: outside)
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/sub/.gitignore", withDestinationPath: outside + "/.gitignore")
        try write("k=2\n", "sub/other.env", in: root)
        // The walk ends, and neither the FIFOs nor the linked ignore file decide anything
        #expect(walker(gitignore: true).files(under: root).sorted() == ["secret.env", "sub/other.env"])
    }

    @Test func aDirectoryReachedTwiceIsWalkedOnce() throws {
        // A hard-linked directory cannot be made; a root given through a link is followed, once
        let root = try Fixtures.temporaryDirectory()
        try write("x\n", "a/b.txt", in: root)
        let link = try Fixtures.temporaryDirectory("ward-link") + "/root"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: root)
        #expect(walker().walk(under: link).files == ["a/b.txt"])
        #expect(walker().walk(under: link + "/a/b.txt").files.isEmpty)
    }
}
