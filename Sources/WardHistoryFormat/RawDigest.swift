import Foundation
import WardCore

/// The key of a raw tool result in `rawResult.digest`: the first 16 bytes of its SHA-256, held as
/// two words so that looking one up hashes and compares 16 bytes, not a `Data` buffer.
public struct RawDigest: Hashable, Sendable {
    private let high: UInt64
    private let low: UInt64

    /// The digest of `text`'s UTF-8 bytes, hashed where they lie.
    public init(of text: String) {
        var text = text
        var hasher = SHA256.Hasher()
        text.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
        self.init(bytes: hasher.finalize())
    }

    /// The digest stored in a row; nil when the column does not hold 16 bytes.
    public init?(stored data: Data) {
        guard data.count == 16 else { return nil }
        self.init(bytes: Array(data))
    }

    private init(bytes: [UInt8]) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 {
            high = high << 8 | UInt64(bytes[index])
            low = low << 8 | UInt64(bytes[index + 8])
        }
        self.high = high
        self.low = low
    }

    /// The 16 bytes as stored, most significant first.
    public var data: Data {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * index))
            bytes[index + 8] = UInt8(truncatingIfNeeded: low >> (56 - 8 * index))
        }
        return Data(bytes)
    }
}
