import Foundation

/// Turns a requirements file from the scanned tree into one a dependency auditor can read without
/// resolving, downloading or building anything.
///
/// A requirements file is pip's command line: `--index-url` or `--find-links` send pip (and so
/// pip-audit) to a server the file chooses, whose source distribution's build backend then runs;
/// `-e`, URLs and VCS references build local or remote code; `-r` and `-c` read other files,
/// anywhere. The sanitized copy keeps only exact pins (`name==version`), one per line. An
/// included file (`-r`) inside the walked tree is read the same way, in place; every other line
/// is dropped and noted by its line number and kind, never by its text (a URL may carry a token);
/// a requirement that is not an exact pin is noted as not audited rather than resolved.
struct RequirementSanitizer: Sendable {
    /// The result for one file.
    struct Output: Sendable, Equatable {
        /// The sanitized requirements, `name==version` lines.
        var text: String
        /// Dropped lines and unpinned requirements, one note each (`requirements.txt:3: …`).
        var notes: [String]
    }

    /// Root-relative paths of the regular files of the walk: the only files `-r` may include.
    var files: Set<String>
    /// Reads a root-relative file (at most a few MB); `nil` when it cannot be read.
    var read: @Sendable (String) -> String?

    /// Most levels of `-r` followed.
    static let maxDepth = 8

    /// Sanitizes the requirements file at root-relative `path`.
    func sanitize(_ path: String) -> Output {
        var output = Output(text: "", notes: [])
        var visited = Set<String>()
        include(path, depth: 0, visited: &visited, into: &output)
        return output
    }

    private func include(_ path: String, depth: Int, visited: inout Set<String>, into output: inout Output) {
        guard visited.insert(path).inserted, let text = read(path) else { return }
        for (number, line) in Self.logicalLines(text) {
            let place = "\(path):\(number)"
            switch Self.classify(line) {
            case .blank: continue
            case .pin(let name, let version): output.text += "\(name)==\(version)\n"
            case .unpinned(let name): output.notes.append("\(place): \(name) is not pinned with ==; not audited")
            case .dropped(let kind): output.notes.append("\(place): \(kind) dropped; not passed to the tool")
            case .include(let target):
                let resolved = Self.resolve(target, from: path)
                if let resolved, files.contains(resolved), depth < Self.maxDepth {
                    include(resolved, depth: depth + 1, visited: &visited, into: &output)
                } else {
                    output.notes.append("\(place): included file outside the scanned tree dropped; not passed to the tool")
                }
            }
        }
    }

    /// What one logical line is.
    enum Line: Equatable {
        case blank
        case pin(name: String, version: String)
        case unpinned(name: String)
        case include(String)
        case dropped(String)
    }

    /// Lines with `\` continuations joined, comments removed, each with the number of its first line.
    static func logicalLines(_ text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var pending = ""
        var start = 1
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if pending.isEmpty { start = offset + 1 }
            if line.hasSuffix("\\") {
                line.removeLast()
                pending += line + " "
                continue
            }
            result.append((start, withoutComment(pending + line)))
            pending = ""
        }
        if !pending.isEmpty { result.append((start, withoutComment(pending))) }
        return result
    }

    static func withoutComment(_ line: String) -> String {
        var text = Substring(line)
        if let hash = text.firstIndex(of: "#"), hash == text.startIndex || text[text.index(before: hash)].isWhitespace {
            text = text[..<hash]
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Classifies one logical line (comments already removed).
    static func classify(_ line: String) -> Line {
        if line.isEmpty { return .blank }
        if line.hasPrefix("-") { return option(line) }
        if line.contains("://") || line.contains("@") { return .dropped("URL or VCS reference") }
        let lowered = line.lowercased()
        if ["git+", "hg+", "svn+", "bzr+", "file:"].contains(where: lowered.hasPrefix) { return .dropped("URL or VCS reference") }
        if line.hasPrefix(".") || line.hasPrefix("/") || line.hasPrefix("~") { return .dropped("local path") }
        let nameEnd = line.firstIndex { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".")) } ?? line.endIndex
        let name = String(line[..<nameEnd])
        guard let first = name.first, first.isLetter || first.isNumber else { return .dropped("line that is not a requirement") }
        var rest = line[nameEnd...].drop { $0 == " " }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return .dropped("line that is not a requirement") }
            rest = rest[rest.index(after: close)...].drop { $0 == " " }
        }
        if rest.contains("/") { return .dropped("local path") }
        // Per-requirement options (`--hash`) and environment markers are left behind: the pin is audited as is.
        if let options = rest.range(of: " -") { rest = rest[..<options.lowerBound] }
        if let marker = rest.firstIndex(of: ";") { rest = rest[..<marker] }
        let specifier = rest.trimmingCharacters(in: .whitespaces)
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+!_-")
        if specifier.hasPrefix("=="), !specifier.hasPrefix("===") {
            let version = specifier.dropFirst(2).trimmingCharacters(in: .whitespaces)
            if !version.isEmpty, version.unicodeScalars.allSatisfy(allowed.contains) { return .pin(name: name, version: version) }
        }
        return .unpinned(name: name)
    }

    /// Options: `-r`/`--requirement` may include a file of the tree; every other is dropped by name.
    static func option(_ line: String) -> Line {
        let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" || $0 == "=" })
        let name = String(parts.first ?? "")
        let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "-r", "--requirement": return value.isEmpty ? .dropped("option -r without a file") : .include(value)
        case _ where name.hasPrefix("-r") && !name.hasPrefix("--"): return .include(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces))
        case "-c", "--constraint": return .dropped("constraints file (-c)")
        case "-e", "--editable": return .dropped("editable requirement (-e)")
        case "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host", "--no-index":
            return .dropped("package index option \(name)")
        default:
            let plain = name.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-") } && name.count <= 40
            return .dropped(plain ? "option \(name)" : "option")
        }
    }

    /// `target` relative to the directory of root-relative `path`, normalized; `nil` when it leaves the root.
    static func resolve(_ target: String, from path: String) -> String? {
        guard !target.hasPrefix("/"), !target.contains("://"), !target.hasPrefix("~") else { return nil }
        var parts = path.split(separator: "/").dropLast().map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
