import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

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
        var request = URLRequest(url: url)
        request.timeoutInterval = 15
        let answered = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<Int, any Error> = .failure(NoAnswer(description: "no answer"))
        URLSession.shared.dataTask(with: request) { _, response, error in
            if let error { outcome = .failure(error) } else { outcome = .success((response as? HTTPURLResponse)?.statusCode ?? 0) }
            answered.signal()
        }.resume()
        answered.wait()
        return try outcome.get()
    }
}
