import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

/// Who may upload: a token whose role is uploader or admin, for a target its glob matches; on an
/// address other than loopback, nobody without a token. Every refusal leaves the history as it was.
@Suite struct UploadAccessTests {
    static let report = [("bandit.json", UploadFixtures.banditReport(count: 3, tag: "access"))]

    @Test func rolesAndTargetGlobsDecideWhoMayUpload() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let tokens = ServerTokenTests.tokens(bed)
        let viewer = try tokens.create(owner: "vera", role: .viewer, targets: nil)
        let triager = try tokens.create(owner: "tess", role: .triager, targets: nil)
        let shop = try tokens.create(owner: "ci-shop", role: .uploader, targets: "shop-*")
        let admin = try tokens.create(owner: "ada", role: .admin, targets: nil)
        let before = try bed.scanIDs()
        for secret in [viewer.secret, triager.secret] {
            let refused = try await bed.upload(UploadFixtures.document(target: "shop-api", reports: Self.report), headers: ServerTokenTests.bearer(secret))
            #expect(refused.status == 403, "\(refused.text)")
        }
        let elsewhere = try await bed.upload(UploadFixtures.document(target: "billing", reports: Self.report), headers: ServerTokenTests.bearer(shop.secret))
        #expect(elsewhere.status == 403 && elsewhere.text.contains("target"), "\(elsewhere.text)")
        #expect(try await bed.upload(UploadFixtures.document(target: "shop-api", reports: Self.report)).status == 401)
        #expect(try bed.scanIDs() == before)
        let allowed = try await bed.upload(UploadFixtures.document(target: "shop-web", reports: Self.report), headers: ServerTokenTests.bearer(shop.secret))
        #expect(allowed.status == 201, "\(allowed.text)")
        let anywhere = try await bed.upload(UploadFixtures.document(target: "billing", reports: Self.report), headers: ServerTokenTests.bearer(admin.secret))
        #expect(anywhere.status == 201, "\(anywhere.text)")
        #expect(try bed.scanIDs().count == before.count + 2)
    }

    @Test func onAnyAddressButLoopbackAnUploadWithoutATokenIsRefused() async throws {
        var uploader = ""
        let bed = try await ServerTestbed(listen: "0.0.0.0:0", configure: { settings in
            uploader = try TokenService(WardContext(paths: settings.paths)).create(owner: "ci", role: .uploader, targets: nil).secret
        })
        let before = try bed.scanIDs()
        // The server knows itself by its bound address.
        let host = ["Host": "0.0.0.0:\(bed.port)"]
        let refused = try await bed.upload(UploadFixtures.document(reports: Self.report), headers: host)
        #expect(refused.status == 401, "\(refused.text)")
        #expect(try bed.scanIDs() == before)
        let accepted = try await bed.upload(UploadFixtures.document(reports: Self.report), headers: ServerTokenTests.bearer(uploader).merging(host) { $1 })
        #expect(accepted.status == 201, "\(accepted.text)")
    }
}
