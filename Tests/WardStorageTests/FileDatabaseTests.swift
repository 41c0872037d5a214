import Foundation
import Synchronization
import Testing
import WardCore
import WardStorage

@Suite struct FileDatabaseTests {
    typealias F = StorageFixtures

    @Test func aFileDatabaseUsesWALWithABusyTimeout() throws {
        // Given a database file created in directories that do not exist yet
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a/b/history.db").path

        // When it is opened
        let database = try AppDatabase.open(path: path)

        // Then it is in WAL mode, waits 30 s for locks, syncs NORMAL, enforces foreign keys and has 8 KB pages
        #expect(database.path == path)
        let settings = try database.connectionSettings()
        #expect(settings == ConnectionSettings(journalMode: "wal", busyTimeoutMilliseconds: 30_000, synchronous: 1, foreignKeys: true,
                                               pageSize: 8_192))
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func theHistorySurvivesReopening() throws {
        // Given a file database with a scan
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.db").path
        let first = try AppDatabase.open(path: path)
        _ = try first.record(F.scan("scan-1", findings: [F.completeFinding()], at: 0))

        // When it is opened again
        let reopened = try AppDatabase.open(path: path)

        // Then the history is the same
        #expect(try reopened.findings(matching: FindingQuery()).map(\.finding) == [F.completeFinding()])
        #expect(try reopened.tableCounts() == ["scan": 1, "toolRun": 1, "finding": 1, "occurrence": 1, "findingEvent": 1, "triage": 0, "findingAdvisory": 3, "rawResult": 1])
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws {
        // Given a file of garbage bytes
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("notes.db")
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: url)

        // When it is opened as a database
        let error = #expect(throws: StorageError.self) { try AppDatabase.open(path: url.path) }

        // Then the error says so and the bytes are unchanged
        #expect(error == .cannotOpen(path: url.path, reason: "file is not a database"))
        #expect(try Data(contentsOf: url) == garbage)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func anotherApplicationsDatabaseIsRefusedAndLeftUntouched() throws {
        // Given an SQLite database made by something else
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("other.db").path
        let sqlite = try Process.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), arguments: [path, "CREATE TABLE notes (body TEXT);"])
        sqlite.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        // When it is opened as Ward's history
        let error = #expect(throws: StorageError.self) { try AppDatabase.open(path: path) }

        // Then it is refused and its bytes are unchanged
        #expect(error == .cannotOpen(path: path, reason: "the database holds another application's tables, not ward history"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aPathThatCannotBeCreatedIsRefused() throws {
        // Given a path whose parent is a regular file
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let path = file.appendingPathComponent("history.db").path

        // Then opening fails with cannotOpen
        let error = #expect(throws: StorageError.self) { try AppDatabase.open(path: path) }
        guard case .cannotOpen(let reportedPath, _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
    }

    @Test func concurrentHandlesOnOneFileAllRecordTheirScans() async throws {
        // Given one new file and four writers, each with its own handle, opening it at the same time
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("shared.db").path

        // When each records 20 scans of the same target concurrently
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let database = try AppDatabase.open(path: path)
                    for index in 0..<20 {
                        var own = F.finding("v1:w\(writer)-\(index)", line: index + 1)
                        own.location?.snippet = "call(\(writer), \(index))"
                        let findings = [F.finding("v1:shared"), own]
                        let outcome = try database.record(F.scan("w\(writer)-\(index)", findings: findings, at: writer * 100 + index))
                        #expect(F.summary(outcome) != nil)
                    }
                }
            }
            try await group.waitForAll()
        }

        // Then every scan and finding is stored
        let database = try AppDatabase.open(path: path)
        #expect(try database.tableCounts() == ["scan": 80, "toolRun": 80, "finding": 81, "occurrence": 160, "findingEvent": 160, "triage": 0, "findingAdvisory": 0, "rawResult": 0])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aWriteWaitsForAnotherProcessHoldingTheLock() throws {
        // Given another process holding the write lock of the file
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("locked.db").path
        let database = try AppDatabase.open(path: path)
        let holder = try LockHoldingProcess(path: path)

        // When a scan is recorded while the lock is held, and the lock is released a second later
        // (on threads of their own: the test pool's may all be busy in other suites)
        let started = Date()
        let outcome = Mutex<Result<RecordOutcome, StorageError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            outcome.withLock { $0 = Result { () throws(StorageError) in try database.record(F.scan("scan-1", findings: [F.finding("v1:a")])) } }
            done.signal()
        }.start()
        sleep(1)
        try holder.commit()
        done.wait()

        // Then the write waited for the lock instead of failing
        let recorded = try #require(outcome.withLock { $0 }).get()
        #expect(F.summary(recorded)?.newCount == 1)
        #expect(Date().timeIntervalSince(started) >= 0.9)
        #expect(try database.tableCounts()["scan"] == 1)
    }
}

/// An `sqlite3` process that opens a write transaction on a database and keeps it until told to commit.
private struct LockHoldingProcess {
    let process = Process()
    let input = Pipe()
    let output = Pipe()

    init(path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let begin = "BEGIN IMMEDIATE;\nINSERT INTO setting (key, value) VALUES ('holder', x'00');\nSELECT 'locked';\n"
        input.fileHandleForWriting.write(Data(begin.utf8))
        // Wait until the transaction holds the lock.
        var received = Data()
        while !String(decoding: received, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
    }

    func commit() throws {
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
