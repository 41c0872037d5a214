import Foundation

/// Reads the list-valued options of the command line: `a,b` id lists and `ID=VALUE` pairs.
enum ArgumentLists {
    /// The ids of a comma-separated list, trimmed, empty ones dropped; nil when no list was given.
    static func ids(_ list: String?) -> [String]? {
        guard let list, !list.isEmpty else { return nil }
        return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Pass-through arguments from `ID=ARG` pairs (`--tool-arg`), in order.
    static func toolArguments(_ pairs: [String]) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { throw WardFailure("--tool-arg expects ID=ARG, got '\(pair)'") }
            result[parts[0], default: []].append(parts[1])
        }
        return result
    }

    /// Per-tool timeouts from `ID=SECONDS` pairs (`--tool-timeout`).
    static func timeouts(_ pairs: [String]) throws -> [String: Duration] {
        var result: [String: Duration] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let seconds = Int(parts[1]), seconds > 0 else {
                throw WardFailure("--tool-timeout expects ID=SECONDS, got '\(pair)'")
            }
            result[parts[0]] = .seconds(seconds)
        }
        return result
    }
}
