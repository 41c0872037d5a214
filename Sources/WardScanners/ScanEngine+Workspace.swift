import Foundation
import WardCore

extension ScanEngine {
    /// The workspace every external tool of one scan shares, or why there is none.
    struct Workspace: Sendable {
        /// The shared workspace, when the target is a walked directory and a tool needs it.
        var built: ScanWorkspace?
        /// Why building it failed: every external tool then fails with this reason.
        var failure: String?

        /// Builds the shared workspace from the walk in `inventory` when `needed`.
        init(build inventory: TargetInventory, root: String, needed: Bool, progress: @Sendable (String) -> Void = { _ in }) {
            guard needed, inventory.walked else { return }
            let started = ContinuousClock.now
            do { built = try ScanWorkspace(root: root, files: inventory.files) } catch { failure = error.description }
            let seconds = POSIXProcessRunner.seconds(ContinuousClock.now - started)
            progress("workspace: \(inventory.files.count) files in \(String(format: "%.2f", seconds)) s")
        }

        func remove() { built?.remove() }
    }

    /// Runs `execution` in the shared workspace; for a tool the policy trusts with repository
    /// configuration it finds in the walk, also in a workspace holding that configuration, and
    /// reports what the configuration removed as suppressed.
    func run(_ execution: ToolExecution, target: ScanTarget, inventory: TargetInventory, workspace: Workspace,
             normalizer: FindingNormalizer) async -> ToolOutcome {
        var execution = execution
        let id = execution.plugin.id
        if let failure = workspace.failure {
            return ToolOutcome(run: ToolRun(toolID: id, state: .failed, executable: execution.executable, errors: [failure]), findings: [])
        }
        execution.workspace = workspace.built
        var outcome = await execution.run(target: target, normalizer: normalizer)
        outcome.run.skipped += inventory.skippedEntries + (workspace.built?.failures ?? [])
        let configuration = RepositoryConfiguration.present(for: id, in: inventory.files)
        guard trustedRepositoryConfig.contains(id), !configuration.isEmpty, workspace.built != nil, outcome.run.state == .succeeded else {
            return outcome
        }
        let kept: ScanWorkspace
        do {
            kept = try ScanWorkspace(root: target.root, files: inventory.files, keeping: RepositoryConfiguration.files[id] ?? [])
        } catch {
            outcome.run.state = .failed
            outcome.run.errors.append("repository configuration: \(error.description)")
            return outcome
        }
        defer { kept.remove() }
        execution.workspace = kept
        execution.trusted = true
        var trusted = await execution.run(target: target, normalizer: normalizer)
        guard trusted.run.state == .succeeded else {
            outcome.run.state = trusted.run.state
            outcome.run.errors += trusted.run.errors.map { "with the repository's configuration: " + $0 }
            return outcome
        }
        trusted.findings = RepositoryConfiguration.markingRemoved(by: configuration, trusted: trusted.findings, ward: outcome.findings)
        trusted.run.skipped = outcome.run.skipped
        trusted.run.findingCount = trusted.findings.count
        trusted.secretValues.merge(outcome.secretValues) { Array(Set($0 + $1)) }
        return trusted
    }
}
