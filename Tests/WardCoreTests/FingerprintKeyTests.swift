import Foundation
import Testing
import WardCore

/// Secret identities depend on the project's key alone: equal everywhere for one key, different
/// for another, and never a per-database secret.
@Suite struct FingerprintKeyTests {
    @Test func theDefaultIsFixedAndPublished() throws {
        let key = try #require(FingerprintKey.resolve([:]))
        #expect(key.isDefault)
        #expect(key == FingerprintKey.standard)
        // The published value: SHA-256 of "ward secret fingerprint v1"
        #expect(SHA256.hexString(key.bytes) == SHA256.hex("ward secret fingerprint v1"))
        #expect(SecretRedaction.fingerprint("AKIAQYLPMN5HFIQR7XYZ", key: key.bytes)
                == SecretRedaction.fingerprint("AKIAQYLPMN5HFIQR7XYZ", key: try #require(FingerprintKey.resolve(["WARD_FINGERPRINT_KEY": ""])).bytes))
    }

    @Test func aProjectKeyGivesOtherFingerprintsTheSameForEveryone() throws {
        let first = try #require(FingerprintKey.resolve(["WARD_FINGERPRINT_KEY": "team-secret-0123456789"]))
        let second = try #require(FingerprintKey.resolve(["WARD_FINGERPRINT_KEY": "team-secret-0123456789"]))
        #expect(!first.isDefault)
        #expect(first == second)
        #expect(first.bytes != FingerprintKey.standard.bytes)
        #expect(SecretRedaction.fingerprint("value", key: first.bytes) != SecretRedaction.fingerprint("value", key: FingerprintKey.standard.bytes))
    }

    @Test func aKeyTooShortToProtectAnythingIsRefused() {
        #expect(FingerprintKey.resolve(["WARD_FINGERPRINT_KEY": "short"]) == nil)
    }
}
