import Foundation

extension String {
    /// Calls `body` with the string's UTF-8 bytes where they lie, copying them only when the string
    /// is not stored contiguously. Unlike `withUTF8`, it needs no mutable copy of the string (a
    /// retain and a release each call), which counts where many strings are compared or hashed.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
