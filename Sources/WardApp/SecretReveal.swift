import Foundation
import WardCore
import WardScanners

/// Reads the clear values of Ward's secret findings back from where they were found (the file, the
/// index, the commit), for a person at a terminal who asked to see them. Nothing of it is stored.
public enum SecretReveal {
    /// One secret, in clear.
    public struct Value: Sendable, Equatable {
        /// The rule that found it.
        public var ruleID: String
        /// Root-relative path.
        public var path: String
        /// 1-based line.
        public var line: Int
        /// The clear value (`…` marks one that goes on past its first line).
        public var value: String
    }

    /// The clear values of `result`'s secret findings, re-read as its detector read them; none when
    /// the detector did not run.
    public static func values(of result: ScanResult) async -> [Value] {
        guard let mode = result.secretsMode else { return [] }
        let scan = result.recorded.value
        var values: [Value] = []
        var cache: [String: [Substring]] = [:]
        for finding in scan.findings where finding.kind == .secret && finding.toolID == SecretsScanner.id {
            guard let location = finding.location, let line = location.startLine, let column = location.startColumn else { continue }
            let key: String
            switch mode {
            case .staged: key = ":" + location.path
            case .history: key = (finding.metadata["commit"] ?? "HEAD") + ":" + location.path
            case .tree, .files: key = location.path
            }
            if cache[key] == nil {
                let data: Data?
                switch mode {
                case .tree, .files: data = FileManager.default.contents(atPath: scan.target.root + "/" + location.path)
                case .staged, .history: data = await gitShow(key, root: scan.target.root)
                }
                cache[key] = data.map { String(decoding: $0, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) } ?? []
            }
            guard let text = cache[key], text.indices.contains(line - 1),
                  let value = value(in: text[line - 1], location: location, line: line, column: column) else { continue }
            values.append(Value(ruleID: finding.ruleID, path: location.path, line: line, value: value))
        }
        return values
    }

    private static func value(in text: Substring, location: SourceLocation, line: Int, column: Int) -> String? {
        let scalars = Array(text.unicodeScalars)
        let end = (location.endLine ?? line) == line ? min(location.endColumn ?? scalars.count + 1, scalars.count + 1) : scalars.count + 1
        guard column - 1 < end - 1 else { return nil }
        let value = String(String.UnicodeScalarView(scalars[(column - 1)..<(end - 1)]))
        return (location.endLine ?? line) > line ? value + "…" : value
    }

    private static func gitShow(_ object: String, root: String) async -> Data? {
        guard let git = GitCommand.locate() else { return nil }
        let request = GitCommand.request(git: git, arguments: ["show", "--no-ext-diff", "--no-textconv", object], root: root, timeout: .seconds(60))
        guard let outcome = try? await POSIXProcessRunner().run(request), outcome.exitStatus == 0 else { return nil }
        return outcome.standardOutput
    }
}
