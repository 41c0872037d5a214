import Foundation
import WardCore

/// The Python manifests (requirements files, `pyproject.toml`) a dependency scanner reads in one run,
/// and the packages each one names.
///
/// A dependency finding's identity includes the manifest that declares the package. pip-audit's
/// reports never say which file named a package, and Safety names one file per package even when
/// several files pin it. So before a run the plugin records in its plan which packages each
/// manifest names and on which line; after the run every finding is placed in each manifest that
/// names its package. Both tools then agree on the manifest, and the finding points at the line.
struct RequirementManifests: Sendable, Equatable {
    /// Root-relative paths of the manifests, in the order given to the tool.
    var paths: [String]
    /// For each path, the PEP 503 names of the packages it names, with the 1-based line.
    var packages: [String: [String: Int]]
    /// Lines the sanitized copies left out, and requirements not audited (``RequirementSanitizer``).
    var notes: [String] = []

    /// Creates a record.
    init(paths: [String], packages: [String: [String: Int]] = [:]) {
        self.paths = paths
        self.packages = packages
    }

    /// The values given to any of the options `names` in pass-through arguments: `-r FILE`, `-rFILE`,
    /// `--file FILE`, `--file=FILE`.
    static func optionValues(_ names: Set<String>, in arguments: [String]) -> [String] {
        var values: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if names.contains(argument) {
                if index + 1 < arguments.count { values.append(arguments[index + 1]) }
                index += 2
                continue
            }
            for name in names {
                if name.hasPrefix("--"), argument.hasPrefix(name + "=") {
                    values.append(String(argument.dropFirst(name.count + 1)))
                } else if !name.hasPrefix("--"), name.count == 2, argument.hasPrefix(name), argument.count > 2, !argument.hasPrefix("--") {
                    values.append(String(argument.dropFirst(2)))
                }
            }
            index += 1
        }
        return values
    }

    /// Whether a file name is a requirements file: `requirements*.txt`, any case.
    static func isRequirementsFile(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasPrefix("requirements") && lowered.hasSuffix(".txt")
    }

    /// The requirements files among `files` (root-relative paths of Ward's walk), sorted: shallower
    /// first; in one directory `requirements.txt` first, then the others by name.
    static func discover(in files: [String]) -> [String] {
        let found = files.filter { isRequirementsFile(($0 as NSString).lastPathComponent) }
        func key(_ path: String) -> (Int, String, Int, String) {
            let parts = path.split(separator: "/")
            let name = parts.last.map(String.init) ?? path
            return (parts.count, parts.dropLast().joined(separator: "/"), name.lowercased() == "requirements.txt" ? 0 : 1, name)
        }
        return found.sorted { key($0) < key($1) }
    }

    /// Reads the named manifests (paths relative to `root`, or absolute) as requirements files.
    ///
    /// `pyproject.toml` and unreadable files name no packages: findings go to the first manifest.
    static func read(_ paths: [String], root: String, sizeLimit: Int = 4 << 20) -> RequirementManifests {
        var packages: [String: [String: Int]] = [:]
        for path in paths where !path.lowercased().hasSuffix(".toml") {
            let absolute = path.hasPrefix("/") ? path : root + "/" + path
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: absolute),
                  (attributes[.size] as? Int ?? 0) <= sizeLimit,
                  let data = FileManager.default.contents(atPath: absolute) else { continue }
            packages[path] = names(inRequirements: String(decoding: data, as: UTF8.self))
        }
        return RequirementManifests(paths: paths, packages: packages)
    }

    /// The PEP 503 names of the packages a requirements file names, each with the line it first appears on.
    ///
    /// Skips comments, options (`-r`, `-c`, `-e`, `--hash`…), and bare URLs; joins `\` continuations.
    static func names(inRequirements text: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for (number, line) in RequirementSanitizer.logicalLines(text) {
            if let name = requirementName(line), result[name] == nil { result[name] = number }
        }
        return result
    }

    /// The normalized project name of one requirement line, or `nil` for anything else.
    static func requirementName(_ line: String) -> String? {
        var text = Substring(line)
        if let hash = text.firstIndex(of: "#"), hash == text.startIndex || text[text.index(before: hash)].isWhitespace {
            text = text[..<hash]
        }
        text = text.drop { $0.isWhitespace }
        guard let first = text.first, first.isLetter || first.isNumber, first.isASCII else { return nil }
        let name = text.prefix { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" || $0 == "." }
        let rest = text.dropFirst(name.count)
        // "https://…" and "file:…" are URLs, not names.
        if rest.hasPrefix(":") { return nil }
        return normalized(String(name))
    }

    /// A package name normalized as PEP 503 says.
    static func normalized(_ name: String) -> String {
        PackageReference(ecosystem: "pypi", name: name).normalizedName
    }

    /// One location per manifest that names `package` (with its line), in manifest order.
    func locations(of package: String) -> [SourceLocation] {
        let name = Self.normalized(package)
        return paths.compactMap { path in
            packages[path]?[name].map { SourceLocation(path: path, startLine: $0, endLine: $0) }
        }
    }

    /// Places each dependency finding in every manifest that names its package: one copy per manifest.
    ///
    /// A finding whose package no manifest names (a dependency pulled in through another) keeps the
    /// location the tool gave it, or goes to the first manifest when the tool gave none.
    func place(_ findings: [Finding]) -> [Finding] {
        var placed: [Finding] = []
        placed.reserveCapacity(findings.count)
        for finding in findings {
            guard finding.kind == .dependency, let package = finding.package else {
                placed.append(finding)
                continue
            }
            let locations = locations(of: package.name)
            if locations.isEmpty {
                var kept = finding
                if kept.location == nil, let first = paths.first { kept.location = SourceLocation(path: first) }
                placed.append(kept)
                continue
            }
            for location in locations {
                var copy = finding
                copy.location = location
                placed.append(copy)
            }
        }
        return placed
    }

    /// `arguments` without the options `names` and their values (the forms ``optionValues(_:in:)`` reads).
    static func removingOptions(_ names: Set<String>, from arguments: [String]) -> [String] {
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if names.contains(argument) {
                index += 2
                continue
            }
            let attached = names.contains { name in
                name.hasPrefix("--") ? argument.hasPrefix(name + "=") : (argument.hasPrefix(name) && argument.count > 2 && !argument.hasPrefix("--"))
            }
            if !attached { kept.append(argument) }
            index += 1
        }
        return kept
    }
}
