import Foundation
import TestSupport

/// Runs `ward` on a thread of its own, so that waiting for it holds none of the threads of Swift's
/// shared pool, which the rest of the suite needs meanwhile.
enum PushProcess {
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> WardProcess.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try WardProcess.run(arguments, environment: environment) })
            }
        }
    }
}
