import Foundation
import WardCore
import WardPolicy
import WardScanners
import WardStorage

/// Reviewers' decisions: recorded in the history's audit trail (`ward triage`), written to and read
/// from a reviewable triage file, and gathered for the gate.
public struct TriageService: Sendable {
    /// Where the history lives, the clock, the environment (`WARD_AUTHOR`).
    public var context: WardContext

    /// Creates the service.
    public init(_ context: WardContext) {
        self.context = context
    }

    /// Records a decision about `finding` (an identity or unique prefix of at least 8 characters) in
    /// `target` (any target when nil). The reason must be non-blank, at most
    /// ``TriageDecision/maximumReasonLength`` characters and free of control characters; a value in
    /// it that looks like a secret is masked before it is stored. `expires` is a day (`YYYY-MM-DD`)
    /// through whose end the decision lasts.
    public func decide(_ finding: String, state: TriageDecision.State, reason: String, expires: String?, by author: String?,
                       target: String?) async throws(AppError) -> TriagedFinding {
        let reason = try Self.checked(reason, option: "--reason", limit: TriageDecision.maximumReasonLength)
        var expiry: Date?
        if let expires {
            guard let day = CalendarDay(expires) else {
                throw .invalidRequest(reason: "--expires: expected a date YYYY-MM-DD from \(CalendarDay.years.lowerBound) to \(CalendarDay.years.upperBound)")
            }
            expiry = day.end
        }
        let author = try await resolveAuthor(author)
        let redaction = try Redaction.stage(paths: context.paths)
        let decision = TriageDecision(state: state, reason: redaction.redact(text: reason).value, expires: expiry, author: author,
                                      at: context.environment.now())
        if decision.reason != reason { context.log.warning("the reason held what looks like a secret; it was masked before it was stored") }
        if let expiry, expiry <= decision.at {
            context.log.warning("--expires \(expires ?? "") has passed: the decision is recorded but waives nothing")
        }
        let database = try WardRuntime.openHistory(context.paths)
        do {
            let (identity, target) = try database.triage(decision, identity: finding, target: target)
            return TriagedFinding(identity: identity, target: target, decision: decision)
        } catch {
            throw .wrapping(error)
        }
    }

    /// The triage file of the current decisions of `target` (every target when nil).
    public func export(target: String?) throws(AppError) -> String {
        let database = try WardRuntime.openHistory(context.paths)
        do {
            return TriageFile.render(try database.triagedFindings(target: target))
        } catch {
            throw .wrapping(error)
        }
    }

    /// Adds the decisions of the triage file at `path` to the history: each under `target` when
    /// given, else under its own target (else any target holding its identity).
    public func importFile(_ path: String, target: String?) throws(AppError) -> TriageImport {
        let entries: [TriageFile.Entry]
        do {
            entries = try TriageFile.load(path: WardPaths.absolute(path))
        } catch {
            throw .wrapping(error)
        }
        let database = try WardRuntime.openHistory(context.paths)
        return try Self.record(entries, target: target, database: database, redaction: try Redaction.stage(paths: context.paths),
                               anyTarget: target == nil)
    }

    /// The author of a decision: `flag`, else `WARD_AUTHOR`, else git's global `user.email`, else
    /// the user's name; control characters refused, never empty.
    func resolveAuthor(_ flag: String?) async throws(AppError) -> String {
        if let flag { return try Self.checked(flag, option: "--by", limit: TriageDecision.maximumAuthorLength) }
        var candidates = [context.variables["WARD_AUTHOR"]]
        if candidates[0]?.isEmpty ?? true { candidates.append(await GitCommand.userEmail()) }
        candidates += [context.variables["USER"], context.variables["LOGNAME"]]
        for case let candidate? in candidates where !candidate.trimmingCharacters(in: .whitespaces).isEmpty {
            return try Self.checked(candidate, option: "the author", limit: TriageDecision.maximumAuthorLength)
        }
        throw .invalidRequest(reason: "no author for the decision: pass --by NAME or set WARD_AUTHOR")
    }

    /// `text` trimmed, refused when blank, too long or holding control characters.
    static func checked(_ text: String, option: String, limit: Int) throws(AppError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalidRequest(reason: "\(option) must not be empty") }
        guard !TriageDecision.hasControlCharacters(trimmed) else { throw .invalidRequest(reason: "\(option) must not hold control characters") }
        guard trimmed.count <= limit else { throw .invalidRequest(reason: "\(option) is longer than \(limit) characters") }
        return trimmed
    }
}
