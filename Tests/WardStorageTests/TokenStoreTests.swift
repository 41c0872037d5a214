import Foundation
import Testing
import WardCore

/// API tokens in the history, on both backends: stored by digest, listed oldest first, used (the
/// last use recorded) only while unrevoked, revoked once.
@Suite struct TokenStoreTests {
    private let made = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: StorageBackend.allCases) func tokensAreFoundByDigestUntilRevoked(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            let viewer = APIToken(id: "0a0a0a0a0a0a", owner: "Ada", role: .viewer, targets: nil, createdAt: made)
            let uploader = APIToken(id: "0b0b0b0b0b0b", owner: "ci", role: .uploader, targets: "shop-*", createdAt: made.addingTimeInterval(60))
            try database.insert(uploader, digest: APIToken.digest(of: "ward_second"))
            try database.insert(viewer, digest: APIToken.digest(of: "ward_first"))
            #expect(try database.tokens() == [viewer, uploader])

            let used = made.addingTimeInterval(3600)
            let found = try #require(try database.useToken(digest: APIToken.digest(of: "ward_second"), at: used))
            #expect(found.id == uploader.id && found.targets == "shop-*" && found.role == .uploader && found.lastUsedAt == used)
            #expect(try database.tokens().last?.lastUsedAt == used)
            #expect(try database.useToken(digest: APIToken.digest(of: "ward_unknown"), at: used) == nil)

            #expect(try database.revokeToken(id: uploader.id, at: used))
            #expect(try !database.revokeToken(id: uploader.id, at: used))
            #expect(try !database.revokeToken(id: "ffffffffffff", at: used))
            #expect(try database.useToken(digest: APIToken.digest(of: "ward_second"), at: used) == nil)
            #expect(try database.tokens().last?.revokedAt == used)
        }
    }

    @Test(arguments: StorageBackend.allCases) func aDigestIsStoredOnce(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try database.insert(APIToken(id: "0c0c0c0c0c0c", owner: "a", role: .admin, targets: nil, createdAt: made), digest: "d")
            #expect(throws: (any Error).self) {
                try database.insert(APIToken(id: "0d0d0d0d0d0d", owner: "b", role: .admin, targets: nil, createdAt: made), digest: "d")
            }
            #expect(try database.tokens().count == 1)
        }
    }
}
