import Foundation
import WardCore
import WardPolicy
import WardPostgres
import WardStorage

extension TriageService {
    /// The decisions the gate weighs for a scan of `target`: the history's current ones and the
    /// triage file's (an entry of this target before one of another), the later of the two by time.
    static func decisions(for target: String, database: (any HistoryStore)?, file: [TriageFile.Entry]) throws(AppError) -> [String: TriageDecision] {
        do {
            return decisions(for: target, current: try database?.currentTriage(target: target) ?? [:], file: file)
        } catch {
            throw .wrapping(error)
        }
    }

    /// The history's `current` decisions of `target` with the triage file's added, the later of the two by time.
    static func decisions(for target: String, current: [String: TriageDecision], file: [TriageFile.Entry]) -> [String: TriageDecision] {
        var result = current
        for (identity, entries) in Dictionary(grouping: file, by: \.identity) {
            let own = entries.filter { $0.target == target }
            guard let latest = (own.isEmpty ? entries : own).max(by: { $0.decision.at < $1.decision.at })?.decision else { continue }
            if let current = result[identity], current.at > latest.at { continue }
            result[identity] = latest
        }
        return result
    }

    /// Adds `entries` to the history: under `target` when given, else under each entry's own target
    /// (and, with `anyTarget`, any target holding the identity when that one does not). A decision
    /// identical to the finding's current one, or older than it, is not added; reasons pass `redaction`.
    static func record(_ entries: [TriageFile.Entry], target: String?, database: any HistoryStore, redaction: RedactionStage,
                       anyTarget: Bool = false) throws(AppError) -> TriageImport {
        var outcome = TriageImport()
        for entry in entries {
            guard let (identity, found, current) = try locate(entry, target: target ?? entry.target, database: database,
                                                             anyTarget: anyTarget) else {
                outcome.unknown += 1
                continue
            }
            var decision = entry.decision
            decision.reason = redaction.redact(text: decision.reason).value
            if let current, current.isSame(as: decision) {
                outcome.unchanged += 1
            } else if let current, current.at > decision.at {
                outcome.superseded += 1
            } else {
                do {
                    try database.triage(decision, identity: identity, target: found)
                } catch {
                    throw .wrapping(error)
                }
                outcome.recorded += 1
            }
        }
        return outcome
    }

    /// The finding an entry names exactly (never by prefix), its target and current decision; nil
    /// when the history has no such finding or several in different targets.
    private static func locate(_ entry: TriageFile.Entry, target: String?, database: any HistoryStore,
                               anyTarget: Bool) throws(AppError) -> (String, String, TriageDecision?)? {
        for candidate in (anyTarget && target != nil ? [target, nil] : [target]) {
            do {
                let state = try database.latestTriage(identity: entry.identity, target: candidate)
                return state.identity == entry.identity ? (state.identity, state.target, state.decision) : nil
            } catch StorageError.unknownFinding, PostgresError.unknownFinding {
                continue
            } catch StorageError.ambiguousFinding, PostgresError.ambiguousFinding {
                return nil
            } catch {
                throw .wrapping(error)
            }
        }
        return nil
    }
}
