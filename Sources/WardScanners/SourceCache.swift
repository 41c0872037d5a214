import Foundation

/// Source files read once per chunk of a report's findings.
struct SourceCache {
    let limit: Int
    private var files: [String: [String]?] = [:]
    /// Each folder's real location, resolved once for the whole report.
    private let directories: RealDirectories

    init(limit: Int, directories: RealDirectories) {
        self.limit = limit
        self.directories = directories
    }

    /// The lines of the root-relative `path`, read once; `nil` when absent, too large or outside the root.
    mutating func lines(of path: String, in paths: PathResolver) -> [String]? {
        if let cached = files[path] { return cached }
        var loaded: [String]?
        // Through the bounded reader: a FIFO or device a report names is never opened for blocking reads.
        if let path = paths.containedFile(path, directories: directories), let data = try? BoundedReader(limit: limit).read(path) {
            loaded = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
        }
        files[path] = loaded
        return loaded
    }
}
