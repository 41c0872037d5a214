import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PostgresNIO
import Synchronization
import Testing
import TestSupport
import WardPostgres

/// The server answers however long the rest of the process holds Swift's shared pool: its handlers
/// wait on the history, and a process embedding it (this suite) waits on other work.
@Suite struct ServerExecutorTests {
    /// A refusal the test reports instead of an answer.
    struct NoAnswer: Error, CustomStringConvertible {
        var description: String
    }

    /// Holds every thread of the shared pool with a task that waits, as a test waiting for a
    /// process does, and asks the server for its findings from a thread of its own meanwhile. A
    /// server on the shared pool cannot answer until the threads are let go: this fails then (it
    /// did, with a timeout, before the server had an executor of its own).
    @Test func theServerAnswersWhileEveryThreadOfTheSharedPoolIsHeld() async throws {
        let bed = try await ServerTestbed()
        let url = URL(string: "http://127.0.0.1:\(bed.port)/api/v1/findings")!
        let status = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try Self.status(of: url, whileHolding: ProcessInfo.processInfo.activeProcessorCount) })
            }
        }
        #expect(status == 200)
        withExtendedLifetime(bed) {}
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
            try await PostgresStore(settings: settings).withConnection("test") { connection, logger in
                // Let go after 20 s whatever happens, so that a failing run cannot hang.
                for sql in ["SET idle_in_transaction_session_timeout = '20s'", "BEGIN", #"LOCK TABLE "finding" IN ACCESS EXCLUSIVE MODE"#] {
                    for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
                }
                let statuses = try await withCheckedThrowingContinuation { continuation in
                    Thread.detachNewThread {
                        continuation.resume(with: Result { try Self.statusesWhileWaiting(base: base, waiting: ProcessInfo.processInfo.activeProcessorCount + 2) })
                    }
                }
                _ = try? await connection.query(PostgresQuery(unsafeSQL: "COMMIT"), logger: logger).collect()
                #expect(statuses.free == 200, "a request that needs no history waited for the lock")
                #expect(try statuses.waiting() == Array(repeating: 200, count: ProcessInfo.processInfo.activeProcessorCount + 2))
            }
            withExtendedLifetime(bed) {}
        }
    }

    /// Sends `waiting` listings of findings (which wait for the lock), then, once they have had
    /// time to reach it, the API document (which needs no history) with a short timeout; returns
    /// its status, and a wait for the listings' statuses.
    static func statusesWhileWaiting(base: String, waiting: Int) throws -> (free: Int, waiting: () throws -> [Int]) {
        let listings = (0..<waiting).map { _ in Fetch(URL(string: base + "findings")!, timeout: 600) }
        Thread.sleep(forTimeInterval: 3)
        let free = try Fetch(URL(string: base + "openapi.json")!, timeout: 10).status()
        return (free, { try listings.map { try $0.status() } })
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

    /// Starts `width` tasks that each hold a thread of the shared pool, waits until they all run,
    /// and then asks for `url` with a short timeout before letting them go.
    static func status(of url: URL, whileHolding width: Int) throws -> Int {
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        for _ in 0..<width {
            Task.detached {
                started.signal()
                release.wait()
            }
        }
        defer { for _ in 0..<width { release.signal() } }
        for _ in 0..<width where started.wait(timeout: .now() + 600) == .timedOut {
            throw NoAnswer(description: "the shared pool never ran \(width) tasks at once")
        }
        return try Fetch(url, timeout: 15).status()
    }
}
