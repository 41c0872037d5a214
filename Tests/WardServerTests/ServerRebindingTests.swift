import Foundation
import Testing
import TestSupport

/// A page of another site whose name resolves to this machine (DNS rebinding) sends its own name in
/// `Host` and its own origin in `Origin`: the server refuses both, even on loopback.
@Suite struct ServerRebindingTests {
    @Test func foreignHostsAndOriginsAreRefused() async throws {
        let bed = try await ServerTestbed()
        let port = bed.port
        for host in ["127.0.0.1:\(port)", "localhost:\(port)"] {
            #expect(try await bed.request("/api/v1/scans", headers: ["Host": host]).status == 200, "\(host)")
        }
        for host in ["attacker.example:\(port)", "attacker.example", "127.0.0.1:\(port + 1)", "127.0.0.1"] {
            let answer = try await bed.request("/api/v1/scans", headers: ["Host": host])
            #expect(answer.status == 403, "\(host)")
            #expect(!answer.text.contains("shop-api"), "\(host)")
        }
        #expect(try await bed.request("/api/v1/scans", headers: ["Origin": "http://127.0.0.1:\(port)"]).status == 200)
        for origin in ["http://attacker.example:\(port)", "null", "https://127.0.0.1:\(port)"] {
            #expect(try await bed.request("/api/v1/scans", headers: ["Origin": origin]).status == 403, "\(origin)")
            let triage = try await bed.post("/api/v1/findings/\(DemoScan.Ids.shell.prefix(12))/triage",
                                            json: ["state": "false-positive", "reason": "forged"], headers: ["Origin": origin])
            #expect(triage.status == 403, "\(origin)")
        }
        let story = try await bed.request("/api/v1/findings/\(DemoScan.Ids.shell.prefix(12))")
        #expect(!story.text.contains("forged"))
    }

    @Test func thePublicURLsHostIsAccepted() async throws {
        let bed = try await ServerTestbed(publicURL: "https://ward.example.org")
        #expect(try await bed.request("/api/v1/scans", headers: ["Host": "ward.example.org"]).status == 200)
        #expect(try await bed.request("/api/v1/scans", headers: ["Origin": "https://ward.example.org"]).status == 200)
        #expect(try await bed.request("/api/v1/scans", headers: ["Origin": "http://ward.example.org"]).status == 403)
    }
}
