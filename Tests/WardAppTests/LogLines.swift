import Foundation
import Synchronization
import WardApp

/// Keeps what a service logs.
final class LogLines: Sendable {
    private let lines = Mutex<[(kind: String, text: String)]>([])

    var log: ActivityLog {
        ActivityLog(progress: { [self] text in append("progress", text) }, warning: { [self] text in append("warning", text) },
                    phaseEnded: { [self] text in append("phase", text) })
    }

    var progress: [String] { of("progress") }
    var warnings: [String] { of("warning") }
    var phases: [String] { of("phase") }

    private func append(_ kind: String, _ text: String) {
        lines.withLock { $0.append((kind, text)) }
    }

    private func of(_ kind: String) -> [String] {
        lines.withLock { $0.filter { $0.kind == kind }.map(\.text) }
    }
}
