import Foundation
import Testing
import TestSupport
import WardCore

/// The findings list over HTTP: the filter form keeps what was asked, filters narrow the rows, and
/// "next"/"previous" links carry keyset cursors that visit every finding once; refused filters
/// answer 400 with the reason; hostile text stays inert.
@Suite struct ServerListPageTests {
    /// The finding identities a list page links to, in order.
    static func identities(_ html: String) -> [String] {
        html.components(separatedBy: "<a class=\"title\" href=\"/findings/").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The address of a paging link (`page-next`, `page-previous`), unescaped.
    static func link(_ html: String, _ id: String) -> String? {
        guard let range = html.range(of: "id=\"\(id)\" href=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func filtersNarrowTheListAndTheFormKeepsThem() async throws {
        let bed = try await ServerTestbed()
        let all = try await bed.request("/findings?status=open,fixed&limit=500")
        #expect(all.status == 200)
        #expect(Self.identities(all.text).count == DemoScan.scan.findings.count)
        let target = DemoScan.scan.target.name
        let high = try await bed.request("/findings?severity=high&tool=bandit&status=&rule=&target=\(target)")
        #expect(high.status == 200)
        let shown = Self.identities(high.text)
        #expect(!shown.isEmpty && shown.count < DemoScan.scan.findings.count)
        let expected = DemoScan.scan.findings.filter { $0.toolID == "bandit" && $0.severity >= .high }.map(\.identity)
        #expect(Set(shown) == Set(expected))
        #expect(high.text.contains("<option value=\"high\" selected>"))
        #expect(high.text.contains("name=\"tool\" id=\"filter-tool\" value=\"bandit\""))
        let rule = Self.identities(try await bed.request("/findings?rule=B602&status=open").text)
        #expect(rule == [DemoScan.Ids.shell])
        let refused = try await bed.request("/findings?severity=severe")
        #expect(refused.status == 400 && refused.text.contains("unknown severity"))
        #expect(try await bed.request("/findings?cursor=zz").status == 400)
    }

    @Test func nextAndPreviousLinksPageThroughEveryFindingOnce() async throws {
        let bed = try await ServerTestbed()
        let first = try await bed.request("/findings?status=open,fixed&sort=path&limit=3")
        #expect(Self.link(first.text, "page-previous") == nil)
        var pages = [Self.identities(first.text)], page = first
        while let next = Self.link(page.text, "page-next") {
            #expect(next.contains("cursor=a") && next.contains("sort=path") && next.contains("limit=3"))
            page = try await bed.request(next)
            #expect(page.status == 200)
            pages.append(Self.identities(page.text))
            #expect(pages.count <= DemoScan.scan.findings.count)
        }
        let all = Self.identities(try await bed.request("/findings?status=open,fixed&sort=path&limit=500").text)
        #expect(pages.flatMap { $0 } == all)
        var back = [pages.last!]
        while let previous = Self.link(page.text, "page-previous") {
            #expect(previous.contains("cursor=b"))
            page = try await bed.request(previous)
            back.insert(Self.identities(page.text), at: 0)
            #expect(back.count <= pages.count)
        }
        #expect(back == pages)
    }

    @Test func hostileTextIsInertInTheListAndTheForm() async throws {
        let bed = try await ServerTestbed(scans: ServerPageTests.scans)
        let hostile = ServerPageTests.hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let page = try await bed.request("/findings?path=\(hostile)&rule=\(hostile)")
        let list = try await bed.request("/findings")
        for text in [page.text, list.text] {
            #expect(!text.contains("<script>") && !text.contains("<img"))
            #expect(!text.unicodeScalars.contains { [0x202E, 0x2066].contains($0.value) })
        }
        #expect(list.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.text.contains("value=\"&lt;script&gt;"))
    }
}
