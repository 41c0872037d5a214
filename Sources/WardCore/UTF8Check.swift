import Foundation

/// Where bytes stop being UTF-8: the one check behind every reader's refusal of invalid text.
public enum UTF8Check {
    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence (a
    /// sequence cut short, an overlong form, an encoded surrogate), or `nil` when all are valid.
    public static func firstInvalidOffset<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Int? {
        var valid = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): valid += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return valid
            }
        }
    }
}
