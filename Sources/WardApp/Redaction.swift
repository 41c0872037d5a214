import Foundation
import Synchronization
import WardCore
import WardSecrets

/// The redaction stage as Ward sets it up: Ward's secret rules, loosened, find what else to mask
/// besides the values the tools reported.
public enum Redaction {
    /// A stage that masks `known` values (by root-relative path) and whatever the rules match.
    public static func stage(known: [String: [String]] = [:], paths: WardPaths) throws(AppError) -> RedactionStage {
        let key = paths.cacheDirectory
        if let cached = matchers.withLock({ $0[key] }) {
            return RedactionStage(knownSecrets: known, matcher: cached)
        }
        let (rules, digest) = try SecretRules.builtInWithDigest(paths: paths)
        do {
            let matcher = try RedactionMatcher(rules: rules, cacheDirectory: paths.cacheDirectory + "/redaction", sourceDigest: digest)
            matchers.withLock { $0[key] = matcher }
            return RedactionStage(knownSecrets: known, matcher: matcher)
        } catch {
            throw .wrapping(error)
        }
    }

    /// The compiled matchers of this process, by cache directory: loading the rules and their
    /// compiled database costs more than a server's whole answer, and the shipped rules never change
    /// while the process runs.
    private static let matchers = Mutex<[String: RedactionMatcher]>([:])

    /// The clear values of several sources merged by path.
    static func merged(_ sources: [[String: [String]]]) -> [String: [String]] {
        sources.reduce(into: [:]) { result, values in result.merge(values, uniquingKeysWith: +) }
    }
}
