import Foundation

/// The characters an upload's tool id and report names may hold: a scanner id is lowercase letters,
/// digits, `-`, `_` and `.`, at most 64 characters.
enum UploadNameShape {
    static func matches(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.unicodeScalars.allSatisfy { isNameCharacter($0, uppercase: false) }
    }

    /// An ASCII letter (lowercase only unless `uppercase`), a digit, `-`, `_` or `.`.
    static func isNameCharacter(_ scalar: Unicode.Scalar, uppercase: Bool) -> Bool {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F, 0x2E: true
        case 0x41...0x5A: uppercase
        default: false
        }
    }
}
