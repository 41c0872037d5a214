import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

/// The JSON API of `ward serve` against a real server on a loopback port: the same documents as
/// the command line's `--format json`, paging, status codes, and the security headers.
@Suite struct ServerAPITests {
    @Test func findingsAreListedFilteredAndPaged() async throws {
        let bed = try await ServerTestbed()
        let all = try await bed.request("/api/v1/findings?status=open,fixed&limit=500")
        #expect(all.status == 200)
        let listed = try #require(try all.json()["findings"] as? [[String: Any]])
        #expect(listed.count == DemoScan.scan.findings.count)
        #expect(all.headers["link"] == nil)
        let high = try #require(try await bed.request("/api/v1/findings?severity=high&kind=sast").json()["findings"] as? [[String: Any]])
        #expect(!high.isEmpty)
        #expect(high.allSatisfy { (($0["finding"] as? [String: Any])?["kind"] as? String) == "sast" })
        // Pages of two, in the listing's order, linked by the Link header, cover the listing once.
        var seen: [String] = []
        var next: String? = "/api/v1/findings?status=open,fixed&sort=path&limit=2"
        while let path = next {
            let page = try await bed.request(path)
            #expect(page.status == 200)
            seen += try #require(try page.json()["findings"] as? [[String: Any]]).compactMap { ($0["finding"] as? [String: Any])?["identity"] as? String }
            next = page.headers["link"].flatMap { $0.split(separator: ">").first.map { String($0.dropFirst()) } }
            #expect(next == nil || next?.contains("cursor=a") == true)
            #expect(seen.count <= listed.count)
        }
        #expect(seen.count == listed.count && Set(seen).count == listed.count)
    }

    @Test func badFiltersAndLimitsAreRefusedWithAReason() async throws {
        let bed = try await ServerTestbed()
        for query in ["severity=nope", "limit=0", "limit=501", "offset=-1", "sort=sideways", "kind=virus", "suppressed=maybe", "cwe=xss", "cursor=zz", "cursor=a1&offset=2"] {
            let answer = try await bed.request("/api/v1/findings?" + query)
            #expect(answer.status == 400, "\(query)")
            #expect((try answer.json()["error"] as? String)?.isEmpty == false, "\(query)")
        }
    }

    @Test func aFindingsStoryScansDiffAndTrendsAnswer() async throws {
        let bed = try await ServerTestbed()
        let story = try await bed.request("/api/v1/findings/" + DemoScan.Ids.shell.prefix(12))
        #expect(story.status == 200)
        #expect(story.text.contains(DemoScan.Ids.shell))
        #expect(try await bed.request("/api/v1/findings/ffffffffffff").status == 404)
        let scans = try #require(try await bed.request("/api/v1/scans").json()["scans"] as? [[String: Any]])
        #expect(scans.count == 2)
        let one = try await bed.request("/api/v1/scans/" + DemoScan.scan.id.prefix(8))
        #expect(one.status == 200 && one.text.contains(DemoScan.scan.id))
        #expect(try await bed.request("/api/v1/scans/00000000").status == 404)
        let diff = try await bed.request("/api/v1/diff?from=\(DemoScan.scan.id)&to=\(ServerTestbed.scans[1].id)")
        #expect(diff.status == 200)
        #expect(diff.text.contains(DemoScan.Ids.shell))
        #expect(try await bed.request("/api/v1/trends?interval=day").status == 200)
        #expect(try await bed.request("/api/v1/trends?interval=century").status == 400)
        #expect(try await bed.request("/api/v1/nothing-here").status == 404)
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        let bed = try await ServerTestbed()
        for path in ["/api/v1/findings", "/api/v1/nothing-here", "/api/v1/findings?limit=0"] {
            let answer = try await bed.request(path)
            let policy = try #require(answer.headers["content-security-policy"], "\(path)")
            #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
            #expect(answer.headers["x-content-type-options"] == "nosniff")
            #expect(answer.headers["referrer-policy"] == "same-origin")
        }
    }
}
