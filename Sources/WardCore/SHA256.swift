import Crypto
import Foundation

/// SHA-256 and HMAC-SHA-256 for identity keys, report digests and secret fingerprints, computed
/// by swift-crypto (BoringSSL on Linux, CryptoKit on Apple platforms).
///
/// The core otherwise imports Foundation alone; hashing is the one exception, because a security
/// tool should not carry its own implementation of a primitive, and every module needs the same
/// digests (an identity written by the scanners is read back by storage and policy). Keeping this
/// thin facade in the core, with `Crypto` as its only extra dependency, means no other module
/// imports `Crypto` and the byte-for-byte results stay pinned by the identity tests.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        Array(Crypto.SHA256.hash(data: Array(bytes)))
    }

    /// The 32-byte digest of `data`, hashed without copying it.
    public static func digest(data: Data) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: data))
    }

    /// An incremental SHA-256 computation.
    public struct Hasher: @unchecked Sendable {
        // `Crypto.SHA256` is a value type holding only the running digest state.
        private var hasher = Crypto.SHA256()

        /// Starts a new digest.
        public init() {}

        /// Adds bytes.
        public mutating func update(_ bytes: [UInt8]) {
            hasher.update(data: bytes)
        }

        /// Adds raw bytes.
        public mutating func update(_ buffer: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer: buffer)
        }

        /// The digest of everything added.
        public mutating func finalize() -> [UInt8] {
            Array(hasher.finalize())
        }
    }

    /// The digest of a string's UTF-8 bytes, as lowercase hex.
    public static func hex(_ text: String) -> String {
        hexString(digest(Array(text.utf8)))
    }

    /// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
    public static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<Crypto.SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// Lowercase hex of bytes.
    public static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
