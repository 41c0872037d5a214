import Foundation

/// Reads at most `limit` bytes of a file, saying whether there was more.
struct FileSlice {
    /// The bytes read.
    var data: Data
    /// Whether the file was longer than the limit.
    var truncated: Bool

    static func read(_ path: String, limit: Int) -> FileSlice {
        guard let handle = FileHandle(forReadingAtPath: path) else { return FileSlice(data: Data(), truncated: false) }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        return data.count > limit ? FileSlice(data: data.prefix(limit), truncated: true) : FileSlice(data: data, truncated: false)
    }
}
