import Foundation
import WardReporters

/// A report being written to its destination as the reporter produces it.
///
/// A regular file is replaced atomically: the report goes to a new file beside it, renamed over it
/// by ``commit()`` once complete, so a report that fails half-way leaves the previous file as it
/// was. A device or pipe (`/dev/stdout`, a FIFO), where a rename would replace the device with a
/// file, and standard output are written directly.
final class ReportFile: ReportOutput {
    private let descriptor: Int32
    /// The new file renamed over `path` on commit; nil when writing directly.
    private let temporary: String?
    private let path: String?
    private var isOpen = true
    /// Whether the new file was moved into place or removed.
    private var isSettled = false
    /// The first error of the destination (the system's), kept to name the reason.
    private(set) var failure: (any Error)?

    /// Opens the report file at `path` (absolute), creating its parent folders.
    init(path: String) throws {
        self.path = path
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            descriptor = try Self.check(open(path, O_WRONLY | O_CLOEXEC))
            temporary = nil
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = (directory as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(UUID().uuidString).tmp")
        // The mode is the process's umask applied to 0666, as for any file Ward creates.
        descriptor = try Self.check(open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666))
        temporary = name
    }

    /// Standard output, written directly and left open.
    init(standardOutput: Int32 = STDOUT_FILENO) {
        descriptor = standardOutput
        temporary = nil
        path = nil
        isOpen = false
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                throw remember(Self.posixError())
            }
            left -= written
            next += written
        }
    }

    /// Completes the report: closes the file and moves it into place.
    func commit() throws {
        if isOpen {
            isOpen = false
            if close(descriptor) != 0 { throw remember(Self.posixError()) }
        }
        if let temporary, let path, rename(temporary, path) != 0 {
            throw remember(Self.posixError())
        }
        isSettled = true
    }

    /// Abandons an unfinished report: the new file is removed, the destination left as it was.
    func discard() {
        if isOpen {
            isOpen = false
            close(descriptor)
        }
        if let temporary, !isSettled { unlink(temporary) }
        isSettled = true
    }

    deinit {
        discard()
    }

    /// Why writing `path` failed, in a few words: a directory in the way, the system's reason, or
    /// Foundation's description.
    static func reason(_ error: any Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "it is a directory"
        }
        if let posix = error as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        let failure = error as NSError
        if let underlying = failure.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return failure.localizedDescription
    }

    // MARK: - Private

    private func remember(_ error: any Error) -> any Error {
        failure = failure ?? error
        return error
    }

    private static func check(_ descriptor: Int32) throws -> Int32 {
        guard descriptor >= 0 else { throw posixError() }
        return descriptor
    }

    private static func posixError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
