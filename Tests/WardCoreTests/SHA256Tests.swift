import Foundation
import Testing
import WardCore

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, expected: String) {
        #expect(SHA256.hex(input) == expected)
    }

    @Test func millionAsMatchesTheStandardVector() {
        // Given a message that spans many blocks, fed in uneven pieces
        var hasher = SHA256.Hasher()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
        for _ in 0..<1001 { hasher.update(chunk) }
        hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1))
        // Then the digest is FIPS 180-2's one-million-'a' vector
        #expect(SHA256.hexString(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hmacMatchesRFC4231TestCase2() {
        let mac = SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(SHA256.hexString(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
