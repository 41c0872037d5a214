import Foundation

/// A small, dependency-free SHA-256 (FIPS 180-4), used for identity keys and HMAC.
///
/// The core imports Foundation only, which on Linux has no hashing API.
public struct SHA256: Sendable {
    private static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The 32-byte digest of `bytes`.
    public static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = Hasher()
        hasher.update(Array(bytes))
        return hasher.finalize()
    }

    /// The 32-byte digest of `data`, hashed without copying it.
    public static func digest(data: Data) -> [UInt8] {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// An incremental SHA-256 computation.
    public struct Hasher: Sendable {
        private var state: [UInt32] = [
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
        ]
        private var pending: [UInt8] = []
        private var length: UInt64 = 0
        private var words = [UInt32](repeating: 0, count: 64)

        /// Starts a new digest.
        public init() {}

        /// Adds bytes.
        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        /// Adds raw bytes.
        public mutating func update(_ buffer: UnsafeRawBufferPointer) {
            length &+= UInt64(buffer.count)
            var offset = 0
            if !pending.isEmpty {
                let take = min(64 - pending.count, buffer.count)
                pending += buffer[0..<take]
                offset = take
                if pending.count == 64 {
                    pending.withUnsafeBytes { SHA256.compress($0, at: 0, state: &state, words: &words) }
                    pending.removeAll(keepingCapacity: true)
                }
            }
            while offset + 64 <= buffer.count {
                SHA256.compress(buffer, at: offset, state: &state, words: &words)
                offset += 64
            }
            if offset < buffer.count { pending += buffer[offset...] }
        }

        /// The digest of everything added.
        public mutating func finalize() -> [UInt8] {
            let bitLength = length &* 8
            var tail = pending + [0x80]
            while tail.count % 64 != 56 { tail.append(0) }
            for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
            tail.withUnsafeBytes { raw in
                for chunk in stride(from: 0, to: raw.count, by: 64) { SHA256.compress(raw, at: chunk, state: &state, words: &words) }
            }
            return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - $0 * 8)) } }
        }
    }

    /// The digest of a string's UTF-8 bytes, as lowercase hex.
    public static func hex(_ text: String) -> String {
        hexString(digest(Array(text.utf8)))
    }

    /// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
    public static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > 64 ? digest(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = digest(block.map { $0 ^ 0x36 } + message)
        return digest(block.map { $0 ^ 0x5c } + inner)
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

    fileprivate static func compress(_ message: UnsafeRawBufferPointer, at offset: Int, state: inout [UInt32], words: inout [UInt32]) {
        for index in 0..<16 {
            let base = offset + index * 4
            words[index] = UInt32(message[base]) << 24 | UInt32(message[base + 1]) << 16
                | UInt32(message[base + 2]) << 8 | UInt32(message[base + 3])
        }
        for index in 16..<64 {
            let s0 = rotr(words[index - 15], 7) ^ rotr(words[index - 15], 18) ^ (words[index - 15] >> 3)
            let s1 = rotr(words[index - 2], 17) ^ rotr(words[index - 2], 19) ^ (words[index - 2] >> 10)
            words[index] = words[index - 16] &+ s0 &+ words[index - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        for index in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choice = (e & f) ^ (~e & g)
            let temp1 = h &+ s1 &+ choice &+ roundConstants[index] &+ words[index]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let temp2 = s0 &+ majority
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }

    @inline(__always)
    private static func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}
