import Foundation
import WardCore
import WardSecrets

/// The redaction stage as Ward sets it up: Ward's secret rules, loosened, find what else to mask
/// besides the values the tools reported.
enum Redaction {
    /// A stage that masks `known` values (by root-relative path) and whatever the rules match.
    static func stage(known: [String: [String]] = [:], paths: WardPaths) throws(AppError) -> RedactionStage {
        let rules = try SecretRules.builtIn(paths: paths)
        do {
            let matcher = try RedactionMatcher(rules: rules, cacheDirectory: paths.cacheDirectory + "/redaction")
            return RedactionStage(knownSecrets: known, matcher: matcher)
        } catch {
            throw .wrapping(error)
        }
    }

    /// The clear values of several sources merged by path.
    static func merged(_ sources: [[String: [String]]]) -> [String: [String]] {
        sources.reduce(into: [:]) { result, values in result.merge(values, uniquingKeysWith: +) }
    }
}
