import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WardCore

/// The digest that recognises a repeated import, computed from the report files alone, before
/// anything is parsed: SHA-256 over the tool id and the root, then over each file's own SHA-256,
/// exactly as ``ReportImporter/Result/digest`` (the digest stored with the scan) is formed.
///
/// Files are hashed as they are read, a megabyte at a time, so recognising a report already
/// recorded costs one pass over its bytes and no memory that grows with it.
public enum ReportDigest {
    /// The import digest of `files` read by `toolID`'s importer under `root`; nil when any file
    /// cannot be hashed without consuming it or without error (standard input, a FIFO, a missing or
    /// unreadable file, one over `limit` bytes): the import then reads and reports it as usual.
    public static func of(_ files: [String], toolID: String, root: String, limit: Int) -> String? {
        var digest = Accumulator(toolID: toolID, root: root)
        for file in files {
            guard !BoundedReader.isStream(file), let fileDigest = fileDigest(file, limit: limit) else { return nil }
            digest.add(fileDigest: fileDigest)
        }
        return digest.finalize()
    }

    /// The import digest formed one file at a time, by ``of(_:toolID:root:limit:)`` from files on
    /// disk and by the importer from the bytes it read: the one place its formula lives.
    struct Accumulator {
        private var hasher = SHA256.Hasher()

        init(toolID: String, root: String) {
            hasher.update(Array("\(toolID)\u{1F}\(root)".utf8))
        }

        /// Adds one report file, by its own SHA-256.
        mutating func add(fileDigest: [UInt8]) { hasher.update(fileDigest) }

        /// The digest, in lowercase hexadecimal.
        mutating func finalize() -> String { SHA256.hexString(hasher.finalize()) }
    }

    /// SHA-256 of the regular file at `path`, read in chunks; nil when it is not one or is over `limit`.
    static func fileDigest(_ path: String, limit: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) <= limit else { return nil }
        var hasher = SHA256.Hasher()
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, chunk)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            total += count
            // The file grew past the limit after fstat: the importer refuses it.
            guard total <= limit else { return nil }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize()
    }
}
