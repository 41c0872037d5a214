import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way Ward reads a report: files given to `ward import`, reports and companion files a
/// tool left after a run, and the captured output of a run.
///
/// Only regular files are read, opened with `O_NONBLOCK` and checked with `fstat` before the first
/// byte, so a FIFO, a device (`/dev/zero`) or a directory is refused at once instead of blocking
/// or growing without end. The one exception is an explicit stream, `-` or `/dev/stdin`, read up to
/// the limit and refused past it. Nothing larger than ``limit`` bytes is ever held in memory, and a
/// file of a megabyte or more is mapped rather than copied (``mappingThreshold``).
public struct BoundedReader: Sendable {
    /// Largest report accepted, in bytes.
    public var limit: Int

    /// Creates a reader.
    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Whether `path` names standard input.
    public static func isStream(_ path: String) -> Bool {
        path == "-" || path == "/dev/stdin"
    }

    /// The whole content of the report at `path`, named `source` in errors.
    ///
    /// - Throws: ``ScannerError`` when the file is missing, not a regular file (and not an explicit
    ///   stream), unreadable, or larger than ``limit``.
    public func read(_ path: String, source: String? = nil) throws(ScannerError) -> Data {
        let name = source ?? path
        if Self.isStream(path) { return try readStream(name: name) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw ScannerError.reportUnreadable(path: name, reason: Self.describe(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ScannerError.reportUnreadable(path: name, reason: Self.describe(errno)) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            let reason = status.st_mode & S_IFMT == S_IFDIR ? "is a directory" : "not a regular file (\(Self.kind(of: status.st_mode)))"
            throw ScannerError.reportUnreadable(path: name, reason: reason)
        }
        guard Int(status.st_size) <= limit else {
            throw ScannerError.reportTooLarge(path: name, bytes: Int(status.st_size), limit: limit)
        }
        if Int(status.st_size) >= Self.mappingThreshold, let mapped = Self.map(descriptor, bytes: Int(status.st_size)) {
            return mapped
        }
        let (data, more) = try Self.readUpTo(limit, from: descriptor, name: name)
        // The file grew after fstat.
        if more { throw ScannerError.streamTooLarge(path: name, limit: limit) }
        return data
    }

    /// Size from which a report is mapped rather than read: a 500 MB log then costs the process
    /// file pages the kernel can drop and read again, not 500 MB of its own memory.
    static let mappingThreshold = 1 << 20

    /// The first `bytes` bytes of the open file, mapped read-only and private: unmapped when the
    /// data is let go. Nil when the file cannot be mapped; it is then read.
    ///
    /// The bytes are those of the file as it is read: a report is written before Ward is run on it,
    /// and a file cut short meanwhile would stop the process (SIGBUS) rather than be misread. On
    /// Linux the pages are mapped in at once (`MAP_POPULATE`): every byte is hashed and parsed
    /// anyway, and one call costs less than a page fault for each 4 KB of a large log.
    private static func map(_ descriptor: Int32, bytes: Int) -> Data? {
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, bytes, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else { return nil }
        return Data(bytesNoCopy: address, count: bytes, deallocator: .custom { address, count in munmap(address, count) })
    }

    /// The report at `path`, or `nil` when there is no file there (a tool that wrote none).
    public func readIfPresent(_ path: String, source: String? = nil) throws(ScannerError) -> Data? {
        var status = stat()
        guard lstat(path, &status) == 0 || errno != ENOENT else { return nil }
        return try read(path, source: source)
    }

    /// At most ``limit`` bytes of a regular file Ward's own run wrote (a tool's captured output),
    /// and whether there was more; nothing when the file is missing or not a regular file.
    func prefix(_ path: String) -> (data: Data, truncated: Bool) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return (Data(), false) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              let (data, more) = try? Self.readUpTo(limit, from: descriptor, name: path) else { return (Data(), false) }
        return (data, more)
    }

    private func readStream(name: String) throws(ScannerError) -> Data {
        let (data, more) = try Self.readUpTo(limit, from: STDIN_FILENO, name: name)
        if more { throw ScannerError.streamTooLarge(path: name, limit: limit) }
        return data
    }

    /// Up to `limit` bytes from `descriptor`, and whether at least one more byte followed.
    private static func readUpTo(_ limit: Int, from descriptor: Int32, name: String) throws(ScannerError) -> (Data, Bool) {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while data.count <= limit {
            let wanted = min(chunk.count, limit + 1 - data.count)
            let count = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ScannerError.reportUnreadable(path: name, reason: describe(errno))
            }
            if count == 0 { return (data, false) }
            data.append(contentsOf: chunk[0..<count])
        }
        return (data.prefix(limit), true)
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory"
        default: String(cString: strerror(code))
        }
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a plain file"
        }
    }
}

/// `read(2)`, under a name the reader's own `read` does not shadow.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
