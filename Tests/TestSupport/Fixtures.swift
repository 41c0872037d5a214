import Foundation

/// Paths to the repository's fixtures and build products, resolved from this file's location.
public enum Fixtures {
    /// The repository root.
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A path under `fixtures/`.
    public static func path(_ relative: String) -> String {
        repository + "/fixtures/" + relative
    }

    /// The contents of a fixture file.
    public static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(relative)))
    }

    /// The inputs that once made a fuzz target fail, from `fixtures/fuzz-regressions/<target>/`,
    /// by file name.
    public static func fuzzRegressions(_ target: String) throws -> [(name: String, data: Data)] {
        let folder = "fuzz-regressions/" + target
        return try FileManager.default.contentsOfDirectory(atPath: path(folder)).sorted().map { name in
            (name, try data(folder + "/" + name))
        }
    }

    /// A new empty temporary directory, inside this test process's own scratch directory, which
    /// goes when the process exits.
    public static func temporaryDirectory(_ name: String = "ward-test") throws -> String {
        let path = ScratchRoot.path + "/\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies a fixture directory to a fresh temporary location and returns the copy's path.
    public static func copy(_ relative: String) throws -> String {
        let destination = try temporaryDirectory("ward-copy") + "/" + (relative as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: path(relative), toPath: destination)
        return destination
    }

    /// Writes `text` to a new temporary file with the given name and returns its path.
    public static func write(_ text: String, named name: String) throws -> String {
        let path = try temporaryDirectory() + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
