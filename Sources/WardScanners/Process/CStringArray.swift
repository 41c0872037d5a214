import Foundation

/// A NULL-terminated array of C strings for `posix_spawn`, freed explicitly.
struct CStringArray {
    /// The pointers, ending with `nil`.
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func free() {
        for pointer in pointers { Foundation.free(pointer) }
    }
}
