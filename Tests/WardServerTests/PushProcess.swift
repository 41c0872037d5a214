import Foundation
import TestSupport

/// Runs `ward` on a thread of its own, so that the in-process server the tests talk to keeps the
/// concurrency pool's threads while the process waits for its answer.
enum PushProcess {
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> WardProcess.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try WardProcess.run(arguments, environment: environment) })
            }
        }
    }
}
