import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a configuration file the way a gate must: a regular file only (never a FIFO, a device or
/// a file of `/proc` or `/sys`, whose contents can be secrets such as the environment), at most a
/// fixed number of bytes, and valid UTF-8. Opening never blocks and nothing of the contents ever
/// appears in an error.
enum ConfigurationFile {
    /// The text of the file at `path`.
    static func read(_ path: String, kind: ConfigKind, limit: Int) throws(ConfigError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ConfigError.unreadable(path: path, kind: kind, reason: systemReason()) }
        try requireRegular(info, path: path, kind: kind)
        try requireOrdinaryFile(path, kind: kind)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw ConfigError.unreadable(path: path, kind: kind, reason: systemReason()) }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { throw ConfigError.unreadable(path: path, kind: kind, reason: systemReason()) }
        try requireRegular(info, path: path, kind: kind)
        let size = Int(info.st_size)
        guard size <= limit else { throw ConfigError.unreadable(path: path, kind: kind, reason: "larger than \(limit) bytes") }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ConfigError.unreadable(path: path, kind: kind, reason: systemReason()) }
            if count == 0 { break }
            filled += count
        }
        return try text(of: bytes.prefix(filled), path: path, kind: kind)
    }

    private static func requireRegular(_ info: stat, path: String, kind: ConfigKind) throws(ConfigError) {
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let sort = switch info.st_mode & S_IFMT {
            case S_IFDIR: "a directory"
            case S_IFIFO: "a FIFO"
            case S_IFCHR, S_IFBLK: "a device"
            case S_IFSOCK: "a socket"
            default: "not a regular file"
            }
            throw ConfigError.unreadable(path: path, kind: kind, reason: sort == "not a regular file" ? sort : "not a regular file (\(sort))")
        }
    }

    /// Refuses the kernel's pseudo-files, which report a size of 0 or 4096 whatever they hold (the
    /// contents past the reported size are never read either way).
    private static func requireOrdinaryFile(_ path: String, kind: ConfigKind) throws(ConfigError) {
        guard let resolved = realpath(path, nil) else { return }
        defer { free(resolved) }
        let real = String(cString: resolved)
        if ["/proc", "/sys"].contains(where: { real == $0 || real.hasPrefix($0 + "/") }) {
            throw ConfigError.unreadable(path: path, kind: kind, reason: "not a regular file (a kernel pseudo-file)")
        }
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// The bytes as text, or an error at the line and column of the first byte that is not UTF-8.
    static func text(of bytes: some Collection<UInt8>, path: String, kind: ConfigKind) throws(ConfigError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        var line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return String(scalars)
            case .error:
                throw ConfigError.invalidYAML(at: ConfigLocation(path: path, kind: kind, line: line, column: column), problem: "not valid UTF-8")
            }
        }
    }

    private static func systemReason() -> String {
        errno == ENOENT ? "no such file" : String(cString: strerror(errno))
    }
}
