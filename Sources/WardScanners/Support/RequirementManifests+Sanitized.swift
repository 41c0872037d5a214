import Foundation

/// The sanitized copies of a run's manifests, and the `[project] dependencies` of a `pyproject.toml`.
extension RequirementManifests {
    /// Writes a sanitized copy of each manifest of the workspace `root` into `directory` (same
    /// relative paths; a `pyproject.toml` becomes `NAME.requirements.txt` of its `[project]
    /// dependencies`), and returns the paths to hand the tool, relative to `directory`, and the
    /// manifests with the sanitizer's notes, for placing the run's findings.
    static func prepareSanitized(_ paths: [String], root: String, files: [String], directory: String) -> (handed: [String], manifests: RequirementManifests) {
        let sanitizer = RequirementSanitizer(files: Set(files)) { path in
            guard ScanWorkspace.isPlain(path), let data = ScanWorkspace.readRegular(root + "/" + path, limit: 4 << 20) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        var handed: [String] = []
        var notes: [String] = []
        let walked = Set(files)
        for path in paths {
            guard ScanWorkspace.isPlain(path), walked.contains(path) else {
                notes.append("\(path): not a regular file of the scanned tree; not audited")
                continue
            }
            var output: RequirementSanitizer.Output
            var destination = path
            if path.lowercased().hasSuffix(".toml") {
                let text = sanitizer.read(path) ?? ""
                var pyproject = RequirementSanitizer.Output(text: "", notes: [])
                for requirement in RequirementSanitizer.pyprojectDependencies(text) {
                    switch RequirementSanitizer.classify(RequirementSanitizer.withoutComment(requirement)) {
                    case .pin(let name, let version): pyproject.text += "\(name)==\(version)\n"
                    case .unpinned(let name): pyproject.notes.append("\(path): \(name) is not pinned with ==; not audited")
                    default: pyproject.notes.append("\(path): a dependency that is not a requirement dropped; not passed to the tool")
                    }
                }
                output = pyproject
                destination = path + ".requirements.txt"
            } else {
                output = sanitizer.sanitize(path)
            }
            notes += output.notes
            let target = directory + "/" + destination
            try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard (try? Data(output.text.utf8).write(to: URL(fileURLWithPath: target))) != nil else { continue }
            handed.append(destination)
        }
        var record = read(paths, root: root)
        record.notes = notes
        return (handed, record)
    }
}

extension RequirementSanitizer {
    /// The requirement strings of `[project] dependencies` in a `pyproject.toml`, one per element.
    static func pyprojectDependencies(_ text: String) -> [String] {
        var inProject = false
        var collecting = false
        var result: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if !collecting, line.hasPrefix("[") {
                inProject = line.replacingOccurrences(of: " ", with: "") == "[project]"
                continue
            }
            if inProject, !collecting, line.hasPrefix("dependencies"), let open = line.firstIndex(of: "[") {
                collecting = true
                result += quotedStrings(line[line.index(after: open)...])
                if line[open...].contains("]") { collecting = false }
                continue
            }
            if collecting {
                result += quotedStrings(Substring(line))
                if withoutComment(line).hasSuffix("]") || line.hasPrefix("]") { collecting = false }
            }
        }
        return result
    }

    /// The `"…"` and `'…'` strings on a line, in order.
    static func quotedStrings(_ line: Substring) -> [String] {
        var result: [String] = []
        var quote: Character?
        var current = ""
        for character in line {
            if let open = quote {
                if character == open { result.append(current); current = ""; quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                break
            }
        }
        return result
    }
}
