import Foundation
import WardCore

/// Makes a tool's raw findings comparable across scans: root-relative paths, identity keys.
///
/// The identity of a code finding hashes the flagged source lines, read from the file under the
/// scan root when it is there (so scanning and importing agree), else the tool's own snippet.
public struct FindingNormalizer: Sendable {
    /// Resolves reported paths.
    public let paths: PathResolver
    /// Largest source file read for identity text.
    public var sourceReadLimit = 8 << 20

    /// Creates a normalizer for one root.
    public init(paths: PathResolver) {
        self.paths = paths
    }

    /// Normalizes every finding of one report.
    ///
    /// - Parameter source: the report file or tool, named in errors.
    /// - Throws: ``ScannerError/pathOutsideRoot(path:reportedPath:)`` when a path leaves the root.
    public func normalize(_ findings: [Finding], family: String, source: String) throws(ScannerError) -> [Finding] {
        var cache = SourceCache(limit: sourceReadLimit)
        var located: [(finding: Finding, text: String)] = []
        located.reserveCapacity(findings.count)
        for var finding in findings {
            var text = ""
            if var location = finding.location {
                guard let relative = paths.relativize(location.path) else {
                    throw ScannerError.pathOutsideRoot(path: source, reportedPath: location.path)
                }
                location.path = relative
                if let lines = flaggedLines(location, cache: &cache) {
                    location.snippet = lines
                }
                // The first flagged line identifies the finding: every report format carries it.
                text = location.snippet.map(Self.firstLine) ?? ""
                finding.location = location
            }
            if text.isEmpty { text = "@" + (finding.location?.startLine.map(String.init) ?? finding.message) }
            located.append((finding, text))
        }
        return assignIdentities(located, family: family)
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).first { !$0.allSatisfy(\.isWhitespace) }.map(String.init) ?? ""
    }

    private func flaggedLines(_ location: SourceLocation, cache: inout SourceCache) -> String? {
        guard let start = location.startLine, start > 0, let file = paths.containedFile(location.path) else { return nil }
        guard let lines = cache.lines(of: file) else { return nil }
        let end = max(start, min(location.endLine ?? start, start + 20))
        guard start <= lines.count else { return nil }
        return lines[(start - 1)..<min(end, lines.count)].joined(separator: "\n")
    }

    private func assignIdentities(_ located: [(finding: Finding, text: String)], family: String) -> [Finding] {
        var seen: [String: Int] = [:]
        let order = located.indices.sorted { lhs, rhs in
            let left = located[lhs].finding.location, right = located[rhs].finding.location
            return (left?.startLine ?? 0, left?.startColumn ?? 0, lhs) < (right?.startLine ?? 0, right?.startColumn ?? 0, rhs)
        }
        var result = located.map(\.finding)
        for index in order {
            let (finding, text) = located[index]
            let path = finding.location?.path ?? ""
            let collapsed = Identity.collapseWhitespace(text)
            let groupKey = [finding.ruleID, path, collapsed].joined(separator: "\u{1F}")
            let occurrence = seen[groupKey, default: 0]
            seen[groupKey] = occurrence + 1
            result[index].identity = Identity.code(
                family: family, ruleID: finding.ruleID, path: path, flaggedText: collapsed, occurrence: occurrence
            )
        }
        return result
    }
}

/// Source files read once per report.
struct SourceCache {
    let limit: Int
    private var files: [String: [String]?] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    mutating func lines(of path: String) -> [String]? {
        if let cached = files[path] { return cached }
        var loaded: [String]?
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let size = attributes[.size] as? Int, size <= limit,
           let data = FileManager.default.contents(atPath: path) {
            loaded = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
        }
        files[path] = loaded
        return loaded
    }
}
