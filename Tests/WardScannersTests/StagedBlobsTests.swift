import Foundation
import Testing
import TestSupport
@testable import WardScanners

/// What `ward secrets --staged` reads: the index's blobs, in three git processes.
@Suite struct StagedBlobsTests {
    static func git(_ arguments: [String], in root: String, input: Data? = nil) async throws -> Data {
        var request = GitCommand.request(git: try #require(GitCommand.locate()), arguments: arguments, root: root, timeout: .seconds(60))
        request.standardInput = input
        let outcome = try await POSIXProcessRunner().run(request)
        #expect(outcome.exitStatus == 0, "git \(arguments): \(String(decoding: outcome.standardError, as: UTF8.self))")
        return outcome.standardOutput
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func theIndexIsReadNotTheWorkTreeAndOnlyBlobsWithinTheCap() async throws {
        // Given a repository with a commit, then files added, changed, renamed, removed and linked in the index
        let root = try Fixtures.temporaryDirectory("ward-staged")
        for arguments in [["init", "-q"], ["config", "user.email", "t@example.invalid"], ["config", "user.name", "t"]] {
            _ = try await Self.git(arguments, in: root)
        }
        try Self.write("old = 1\n", to: root + "/moved.py")
        try Self.write("gone\n", to: root + "/removed.txt")
        _ = try await Self.git(["add", "."], in: root)
        _ = try await Self.git(["commit", "-q", "-m", "first"], in: root)
        try Self.write("token = 'staged'\nline two\n", to: root + "/app.py")
        try Self.write("#!/bin/sh\necho hi\n", to: root + "/run.sh")
        chmod(root + "/run.sh", 0o755)
        try Self.write("café = 1\n", to: root + "/dir/naïve name.txt")
        try Self.write(String(repeating: "x", count: 200), to: root + "/big.bin")
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "app.py")
        _ = try await Self.git(["add", "app.py", "run.sh", "dir", "big.bin", "link"], in: root)
        _ = try await Self.git(["mv", "moved.py", "renamed.py"], in: root)
        _ = try await Self.git(["rm", "-q", "removed.txt"], in: root)
        // A submodule's commit lives in its own repository, not in this one
        _ = try await Self.git(["update-index", "--add", "--cacheinfo", "160000,\(String(repeating: "1234", count: 10)),vendored"], in: root)
        // and the work tree changed after staging
        try Self.write("token = os.environ['T']\n", to: root + "/app.py")

        // When the staged blobs are read with a cap of 100 bytes
        let git = try #require(GitCommand.locate())
        let read = try await StagedBlobs(git: git, runner: POSIXProcessRunner(), root: root, maxFileSize: 100).read()

        // Then every staged file but the submodule is there with its staged bytes, and the large one is named
        let contents = Dictionary(uniqueKeysWithValues: read.contents.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
        #expect(contents == ["app.py": "token = 'staged'\nline two\n", "run.sh": "#!/bin/sh\necho hi\n",
                             "dir/naïve name.txt": "café = 1\n", "link": "app.py", "renamed.py": "old = 1\n"])
        #expect(read.tooLarge == ["big.bin"])
    }

    @Test func aReplaceRefCannotSwapAStagedBlobForAnInnocentOne() async throws {
        // Given a staged secret whose blob a `refs/replace/` entry maps to an innocent one
        let root = try Fixtures.temporaryDirectory("ward-staged")
        _ = try await Self.git(["init", "-q"], in: root)
        try Self.write("token = 'the real secret'\n", to: root + "/settings.py")
        _ = try await Self.git(["add", "settings.py"], in: root)
        let staged = String(decoding: try await Self.git(["rev-parse", ":settings.py"], in: root), as: UTF8.self)
            .trimmingCharacters(in: .newlines)
        let innocent = String(decoding: try await Self.git(["hash-object", "-w", "--stdin"], in: root, input: Data("nothing here\n".utf8)),
                              as: UTF8.self).trimmingCharacters(in: .newlines)
        try Self.write(innocent + "\n", to: root + "/.git/refs/replace/" + staged)
        let plain = try await POSIXProcessRunner().run(ProcessRequest(executable: try #require(GitCommand.locate()),
                                                                     arguments: ["cat-file", "-p", staged], workingDirectory: root))
        #expect(String(decoding: plain.standardOutput, as: UTF8.self) == "nothing here\n", "the replacement is in force for plain git")

        // When Ward reads the index, it reads the blob git will commit
        let read = try await StagedBlobs(git: try #require(GitCommand.locate()), runner: POSIXProcessRunner(), root: root, maxFileSize: 100).read()
        #expect(read.contents.map { String(decoding: $0.data, as: UTF8.self) } == ["token = 'the real secret'\n"])
    }

    @Test func anEmptyIndexChangeReadsNothing() async throws {
        let root = try Fixtures.temporaryDirectory("ward-staged")
        _ = try await Self.git(["init", "-q"], in: root)
        let read = try await StagedBlobs(git: try #require(GitCommand.locate()), runner: POSIXProcessRunner(), root: root, maxFileSize: 100).read()
        #expect(read.contents.isEmpty && read.tooLarge.isEmpty)
    }

    @Test func batchOutputIsCutBySizeWhateverTheBlobsHold() throws {
        let first = "a\n0123 blob 9\nb", second = ""
        let output = Data("0123 blob \(first.utf8.count)\n\(first)\n4567 blob 0\n\(second)\n".utf8)
        let blobs = try StagedBlobs.blobs(output, count: 2)
        #expect(blobs.map { String(decoding: $0, as: UTF8.self) } == [first, second])
        #expect(throws: ScannerError.self) { try StagedBlobs.blobs(Data("0123 blob 50\nshort\n".utf8), count: 1) }
        #expect(throws: ScannerError.self) { try StagedBlobs.blobs(output, count: 3) }
    }

    @Test func rawEntriesKeepFilesAndLinksAndTheStagedPathOfACopy() throws {
        let zero = String(repeating: "0", count: 40), id = String(repeating: "a", count: 40), other = String(repeating: "b", count: 40)
        let listing = Data((":000000 100644 \(zero) \(id) A\0new file.py\0" + ":100644 100755 \(other) \(id) M\0run.sh\0"
            + ":000000 160000 \(zero) \(other) A\0vendored\0" + ":100644 100644 \(other) \(id) C75\0source.py\0copy.py\0"
            + ":000000 120000 \(zero) \(other) A\0link\0").utf8)
        #expect(StagedBlobs.entries(listing) == [
            .init(path: "new file.py", object: id), .init(path: "run.sh", object: id),
            .init(path: "copy.py", object: id), .init(path: "link", object: other),
        ])
    }

    @Test func anObjectGitCannotFindFailsTheRead() throws {
        let entries = [StagedBlobs.Entry(path: "a.py", object: "0123")]
        #expect(throws: ScannerError.self) { try StagedBlobs.sizes(Data("0123 missing\n".utf8), of: entries) }
        #expect(throws: ScannerError.self) { try StagedBlobs.sizes(Data(), of: entries) }
        #expect(try StagedBlobs.sizes(Data("0123 blob 7\n".utf8), of: entries) == [7])
    }
}
