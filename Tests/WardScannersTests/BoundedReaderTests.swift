import Foundation
import Testing
import TestSupport
@testable import WardScanners

/// The one reader of report bytes: regular files only, never blocking, never past the limit.
@Suite struct BoundedReaderTests {
    @Test func readsARegularFileWhole() throws {
        let path = try Fixtures.write(#"{"results": []}"#, named: "r.json")
        #expect(try BoundedReader(limit: 100).read(path) == Data(#"{"results": []}"#.utf8))
    }

    @Test func refusesAFileOverTheLimitBeforeReadingIt() throws {
        let path = try Fixtures.write(String(repeating: "x", count: 101), named: "big.json")
        #expect(throws: ScannerError.reportTooLarge(path: path, bytes: 101, limit: 100)) { try BoundedReader(limit: 100).read(path) }
        #expect(try BoundedReader(limit: 101).read(path).count == 101)
    }

    @Test func aFIFOIsRefusedAtOnceInsteadOfBlocking() throws {
        // Nobody ever writes to this FIFO: a blocking open or read would hang the test.
        let path = try Fixtures.temporaryDirectory() + "/report.json"
        #expect(mkfifo(path, 0o600) == 0)
        let started = ContinuousClock.now
        let error = #expect(throws: ScannerError.self) { try BoundedReader(limit: 1 << 20).read(path) }
        #expect(error == .reportUnreadable(path: path, reason: "not a regular file (a FIFO)"))
        #expect(ContinuousClock.now - started < .seconds(2))
        // A tool that leaves a FIFO where its report should be fails the same way.
        #expect(throws: ScannerError.self) { try BoundedReader(limit: 1 << 20).readIfPresent(path) }
    }

    @Test(arguments: ["/dev/zero", "/dev/urandom", "/dev/null"])
    func aDeviceIsRefusedWithoutReadingIt(path: String) {
        let error = #expect(throws: ScannerError.self) { try BoundedReader(limit: 1 << 30).read(path) }
        #expect(error == .reportUnreadable(path: path, reason: "not a regular file (a character device)"))
    }

    @Test func aDirectoryAndAMissingFileAreNamed() throws {
        let directory = try Fixtures.temporaryDirectory()
        #expect(throws: ScannerError.reportUnreadable(path: directory, reason: "is a directory")) { try BoundedReader(limit: 10).read(directory) }
        #expect(throws: ScannerError.reportUnreadable(path: directory + "/nope", reason: "no such file")) {
            try BoundedReader(limit: 10).read(directory + "/nope")
        }
        #expect(try BoundedReader(limit: 10).readIfPresent(directory + "/nope") == nil)
    }

    @Test func errorsNameTheSourceGivenInsteadOfTheScratchPath() throws {
        let directory = try Fixtures.temporaryDirectory()
        #expect(throws: ScannerError.reportUnreadable(path: "bandit report", reason: "is a directory")) {
            try BoundedReader(limit: 10).read(directory, source: "bandit report")
        }
    }

    @Test func aLargeReportIsMappedNotCopiedAndUnmappedOnceLetGo() throws {
        let size = BoundedReader.mappingThreshold + 4_099
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }
        let path = try Fixtures.temporaryDirectory() + "/large.sarif"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            let data = try BoundedReader(limit: size).read(path)
            #expect(data == Data(bytes))
            #expect(Self.mappedFiles().contains(path), "the report's pages are the file's, not the process's own memory")
        }
        #expect(!Self.mappedFiles().contains(path), "the mapping goes with the data")
        // Over the limit is refused before anything is mapped, as before.
        #expect(throws: ScannerError.reportTooLarge(path: path, bytes: size, limit: size - 1)) { try BoundedReader(limit: size - 1).read(path) }
    }

    @Test func aReportUnderAMegabyteIsReadIntoMemory() throws {
        let text = String(repeating: "z", count: BoundedReader.mappingThreshold - 1)
        let path = try Fixtures.write(text, named: "small.json")
        let data = try BoundedReader(limit: 1 << 21).read(path)
        #expect(data == Data(text.utf8))
        #expect(!Self.mappedFiles().contains(path))
    }

    /// The files mapped into this process, from `/proc/self/maps`, read to its end (the file
    /// claims no size, and a test process with many threads maps more than one read returns).
    static func mappedFiles() -> Set<String> {
        let data = FileHandle(forReadingAtPath: "/proc/self/maps").flatMap { try? $0.readToEnd() } ?? Data()
        let maps = String(decoding: data, as: UTF8.self)
        return Set(maps.split(separator: "\n").compactMap { line in
            line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true).dropFirst(5).first.map {
                String($0.trimmingCharacters(in: .whitespaces))
            }
        })
    }

    @Test func theCapturedOutputOfARunIsCutAtTheLimit() throws {
        let path = try Fixtures.write(String(repeating: "y", count: 50), named: "stdout")
        let prefix = BoundedReader(limit: 20).prefix(path)
        #expect(prefix.data.count == 20 && prefix.truncated)
        #expect(BoundedReader(limit: 20).prefix("/dev/zero").data.isEmpty)
    }
}
