import Foundation
import WardCore
import WardScanners
import WardSecrets

/// How Ward's built-in secret detector runs: which rules, what it reads, which files it skips.
public struct SecretsSettings: Sendable {
    /// What the detector reads: the tree, some files, the git index or the commits of a range.
    public typealias Mode = SecretsScanner.Mode

    /// Secret rules to add or disable, or a gitleaks configuration (default: `$WARD_HOME/secrets.yml` when present).
    public var configuration: String?
    /// What the detector reads: the tree, some files, the git index or commits.
    public var mode: Mode
    /// Files larger than this many bytes are skipped.
    public var maxFileSize: Int
    /// Whether `.gitignore` files exclude what they name.
    public var honourGitignore: Bool

    /// Creates settings; by default the whole tree with the user's standard configuration.
    public init(configuration: String? = nil, mode: Mode = .tree, maxFileSize: Int = 10 << 20, honourGitignore: Bool = true) {
        self.configuration = configuration
        self.mode = mode
        self.maxFileSize = maxFileSize
        self.honourGitignore = honourGitignore
    }

    /// Whether the detector reads less than the whole tree (files, the index, commits).
    public var isPartial: Bool { mode != .tree }

    /// The history name of a scan of `root`: a partial scan gets its own, so it never marks a full
    /// scan's findings fixed.
    public func targetName(root: String) -> String {
        switch mode {
        case .tree: root
        case .files: root + " (files)"
        case .staged: root + " (staged)"
        case .history(let range): root + " (history \(range))"
        }
    }

    /// The detector with the built-in rules and the user's configuration; the configuration's notes
    /// go to `log` as warnings.
    func plugin(paths: WardPaths, log: ActivityLog) throws(AppError) -> SecretsScanner {
        let (rules, notes) = try SecretRules.effective(configuration: configuration, paths: paths)
        notes.forEach(log.warning)
        let options = SecretScanOptions(maxFileSize: maxFileSize, excludedDirectories: TargetInventory.skippedDirectories,
                                        honourGitignore: honourGitignore)
        return SecretsScanner(rules: rules, mode: mode, options: options, notes: notes)
    }

    /// `plugins` with the detector (when selected) configured by these settings. A partial mode needs
    /// the detector, alone.
    func configure(_ plugins: [any ScannerPlugin], paths: WardPaths, log: ActivityLog) throws(AppError) -> [any ScannerPlugin] {
        guard plugins.contains(where: { $0.id == SecretsScanner.id }) else {
            if isPartial { throw .invalidRequest(reason: "--files, --staged and --git-history belong to the secrets scanner (--scanners secrets)") }
            return plugins
        }
        if isPartial && plugins.count > 1 {
            throw .invalidRequest(reason: "--files, --staged and --git-history scan with the secrets scanner alone: add --scanners secrets")
        }
        let configured = try plugin(paths: paths, log: log)
        return plugins.map { $0.id == SecretsScanner.id ? configured : $0 }
    }
}
