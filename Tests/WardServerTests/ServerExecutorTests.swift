import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Testing
import TestSupport

/// The server answers on threads of its own, whatever holds Swift's shared pool: its handlers wait
/// on the history, and a process embedding it (this suite) waits on other work.
@Suite struct ServerExecutorTests {
    /// A refusal the test reports instead of an answer.
    struct NoAnswer: Error, CustomStringConvertible {
        var description: String
    }

    /// Requests waiting on a PostgreSQL history (its findings table locked here, as a migration or
    /// a long transaction locks it) each hold one of the server's threads while they wait, more of
    /// them than there are cores: a request that needs no history is answered meanwhile, and the
    /// waiting ones once the lock is let go. On Swift's shared pool the waiting requests held
    /// every thread, and this failed.
    @Test func requestsWaitingOnPostgreSQLLeaveTheServerAnswering() async throws {
        try await TestPostgres.withFreshDatabase { settings in
            let bed = try await ServerTestbed(postgres: settings)
            let base = "http://127.0.0.1:\(bed.port)/api/v1/"
            // More than the shared pool's threads (one per core), fewer than the server's 16.
            let waiting = min(ProcessInfo.processInfo.activeProcessorCount + 2, 12)
            // The timed part runs on a thread of its own: a busy suite could hold this task's
            // continuations on the shared pool for minutes.
            let statuses = try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(with: Result {
                        let lock = try TableLock(database: TestPostgres.url(settings), table: "finding")
                        defer { lock.release() }
                        return try Self.statusesWhileWaiting(base: base, waiting: waiting, lock: lock)
                    })
                }
            }
            #expect(statuses.free == 200, "a request that needs no history waited for the lock")
            #expect(statuses.waiting == Array(repeating: 200, count: waiting))
            withExtendedLifetime(bed) {}
        }
    }

    /// Sends `waiting` listings of findings (which wait for `lock`), then, once they have had time
    /// to reach it, the API document (which needs no history) with a short timeout; returns its
    /// status, and the listings' statuses once the lock is let go.
    static func statusesWhileWaiting(base: String, waiting: Int, lock: TableLock) throws -> (free: Int, waiting: [Int]) {
        let listings = (0..<waiting).map { _ in Fetch(URL(string: base + "findings")!, timeout: 600) }
        Thread.sleep(forTimeInterval: 3)
        let free = try Fetch(URL(string: base + "openapi.json")!, timeout: 10).status()
        lock.release()
        return (free, try listings.map { try $0.status() })
    }

    /// A PostgreSQL table locked by `psql` in a transaction of its own until released (or, should
    /// the test fail to release it, for a minute at most).
    final class TableLock: Sendable {
        private let process = Process()
        private let input = Pipe()

        init(database: String, table: String) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", database]
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data("""
                SET idle_in_transaction_session_timeout = '60s';
                BEGIN;
                LOCK TABLE "\(table)" IN ACCESS EXCLUSIVE MODE;
                \\echo locked

                """.utf8))
            var printed = Data()
            while !String(decoding: printed, as: UTF8.self).contains("locked") {
                let more = output.fileHandleForReading.availableData
                guard !more.isEmpty else { throw NoAnswer(description: "psql could not lock \(table)") }
                printed += more
            }
        }

        /// Commits, which lets the table go; once only.
        func release() {
            guard process.isRunning else { return }
            input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    /// A request sent at once from URLSession's own threads, its status waited for on the caller's.
    final class Fetch: Sendable {
        private let answered = DispatchSemaphore(value: 0)
        private let outcome = Mutex<Result<Int, any Error>>(.failure(NoAnswer(description: "no answer")))

        init(_ url: URL, timeout: TimeInterval) {
            var request = URLRequest(url: url)
            request.timeoutInterval = timeout
            URLSession.shared.dataTask(with: request) { _, response, error in
                self.outcome.withLock { $0 = error.map { .failure($0) } ?? .success((response as? HTTPURLResponse)?.statusCode ?? 0) }
                self.answered.signal()
            }.resume()
        }

        /// The status, once answered (or the error).
        func status() throws -> Int {
            answered.wait()
            answered.signal()
            return try outcome.withLock { $0 }.get()
        }
    }
}
