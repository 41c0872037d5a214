import Foundation

/// A private temporary directory (mode 0700) in Ward's run directory (see ``RunDirectory``),
/// removed when done, and with the run directory at exit at the latest.
struct ScratchDirectory {
    /// Its absolute path.
    let path: String

    init(prefix: String) throws(ScannerError) {
        let run = try RunDirectory.active()
        var template = Array((run.path + "/" + prefix + "-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard let created else {
            throw ScannerError.launchFailed(tool: prefix, reason: "cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        path = String(cString: created)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
