import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of the secret detector's cache (the compiled Vectorscan databases, the parsed rules):
/// written privately, and read only when it is plainly this user's own.
///
/// What is read still proves nothing by itself: each reader checks the content it gets (a header
/// naming its key and a digest) and rebuilds on any doubt, so a corrupt, truncated or foreign
/// file costs one rebuild and never changes what is found.
enum PrivateCacheFile {
    /// Largest cache file read; anything bigger is not one of Ward's.
    static let sizeLimit = 256 << 20

    /// The contents of `path`, when it is a regular file (not a symlink) owned by this user that
    /// neither the group nor others may write, and not larger than ``sizeLimit``; else `nil`.
    static func read(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid(),
              status.st_mode & 0o022 == 0, status.st_size <= sizeLimit else { return nil }
        return try? handle.readToEnd() ?? Data()
    }

    /// Writes `data` to `path`: its directory created private (0700) when missing, the file
    /// private (0600), written beside and renamed into place so that concurrent processes never
    /// read a partial file. Failing to write only means the next run rebuilds.
    static func write(_ data: Data, to path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let temporary = path + ".\(getpid()).tmp"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.close()
        } catch {
            unlink(temporary)
            return
        }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
