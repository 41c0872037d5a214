import Foundation

/// How a scan is gated: the policy, the baseline for new-findings-only, and whether a failed policy
/// only advises.
public struct GateRequest: Sendable {
    /// Which scan new findings are judged against.
    public enum Baseline: Sendable, Equatable {
        /// The last complete scan of the same target that started no later than the gated one, on
        /// `branch` when given (else on the policy's `baseline-branch`, else on any branch).
        case latestComplete(branch: String?)
        /// This scan (id or prefix).
        case scan(id: String)
    }

    /// A shipped policy's name or a policy file.
    public var policy: String
    /// A waivers file added to the policy's, from anywhere.
    public var suppressionsFile: String?
    /// A triage file (``TriageFile``) whose false positives and accepted risks the gate honours
    /// besides the history's decisions, and which a recorded scan adds to the history.
    public var triageFile: String?
    /// The baseline for `new-findings-only`.
    public var baseline: Baseline
    /// Whether a failed policy concludes as passed (`--exit-zero`); an incomplete scan never does.
    public var advisory: Bool
    /// The instant time-dependent decisions (waiver expiry, overdue) are taken at (`--now`); when
    /// nil, a recorded scan is judged as of its start, so gating it again gives the same verdict
    /// on any day, and a live scan as of the current time.
    public var now: Date?

    /// Creates a request; by default the `default` policy and the automatic baseline.
    public init(policy: String = "default", suppressionsFile: String? = nil, triageFile: String? = nil,
                baseline: Baseline = .latestComplete(branch: nil), advisory: Bool = false, now: Date? = nil) {
        self.policy = policy
        self.suppressionsFile = suppressionsFile
        self.triageFile = triageFile
        self.baseline = baseline
        self.advisory = advisory
        self.now = now
    }
}
