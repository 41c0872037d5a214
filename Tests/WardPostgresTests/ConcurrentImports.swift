import Foundation
import TestSupport
import WardCore
import WardPostgres

/// Runs workers of `ward import` as separate processes against one history, and reads back what
/// the concurrency test compares.
enum ConcurrentImports {
    /// What one import said it did.
    struct Outcome: Sendable, CustomStringConvertible {
        var target: String
        var variant: Int
        /// The 8-character prefix of the scan it recorded.
        var recordedScan: String?
        /// The 8-character prefix of the scan that already held its reports.
        var alreadyImportedAs: String?
        var description: String { "\(target) variant \(variant): recorded \(recordedScan ?? "-"), already \(alreadyImportedAs ?? "-")" }
    }

    /// The arguments of one import.
    static func importArguments(db: String, directory: String, target: String, variant: Int) -> [String] {
        ["import", "--db", db, "--tool", "bandit", "--root", ReportVariants.root, "--target", target,
         ReportVariants.path(variant, in: directory)]
    }

    /// Starts `workers` shell processes at once, each running its `imports` imports one after
    /// another, waits for all of them, and reads what each import said.
    static func run(url: String, directory: String, workers: Int, imports: Int,
                    plan: (Int, Int) -> (target: String, variant: Int)) throws -> [Outcome] {
        let ward = WardProcess.executable
        var processes: [Process] = []
        for worker in 0..<workers {
            let lines = (0..<imports).map { index in
                let (target, variant) = plan(worker, index)
                let arguments = importArguments(db: url, directory: directory, target: target, variant: variant)
                return "'\(ward)' " + arguments.map { "'\($0)'" }.joined(separator: " ") + " >/dev/null 2>'\(directory)/\(worker)-\(index).err'"
                    + "; echo $? >'\(directory)/\(worker)-\(index).status'"
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", lines.joined(separator: "\n")]
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        var outcomes: [Outcome] = []
        for worker in 0..<workers {
            for index in 0..<imports {
                let (target, variant) = plan(worker, index)
                let stderr = try String(contentsOfFile: "\(directory)/\(worker)-\(index).err", encoding: .utf8)
                let status = try String(contentsOfFile: "\(directory)/\(worker)-\(index).status", encoding: .utf8)
                guard ["0", "1"].contains(status.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "import \(worker)-\(index) failed: \(stderr)"])
                }
                outcomes.append(Outcome(target: target, variant: variant,
                                        recordedScan: stderr.firstMatch(of: #/recorded scan ([0-9a-f]{8}) of /#).map { String($0.1) },
                                        alreadyImportedAs: stderr.firstMatch(of: #/already imported as scan ([0-9a-f]{8})/#).map { String($0.1) }))
            }
        }
        return outcomes
    }

    /// The scan ids in the order their transactions committed, per target. A recording takes its
    /// target's advisory lock before its first write, which is when PostgreSQL gives a transaction
    /// its id: within a target, transaction ids (the rows' `xmin`) follow the lock, hence commit order.
    static func commitOrder(_ settings: PostgresSettings) async throws -> [String] {
        try await TestPostgres.rows(#"SELECT id FROM scan ORDER BY "targetName", xmin::text::bigint"#, on: settings, columns: 1)
            .map { $0[0] ?? "" }
    }

    /// Every finding of every target with its status and its events' kinds, sorted.
    static func story(of history: any HistoryStore) throws -> [String] {
        try history.findings(matching: FindingQuery()).map { tracked in
            let events = try history.events(identity: tracked.finding.identity, target: tracked.target).map(\.kind.rawValue)
            return "\(tracked.target) \(tracked.finding.identity) \(tracked.status.rawValue) \(events.joined(separator: ","))"
        }.sorted()
    }
}
