import Foundation

/// A private temporary directory (mode 0700), removed when done.
struct ScratchDirectory {
    /// Its absolute path.
    let path: String

    init(prefix: String) throws(ScannerError) {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-XXXXXX").utf8CString)
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
