import Foundation
import Testing
import TestSupport
import WardCore

/// The pages, read as HTML over HTTP: text from a scanned repository renders inert, and pages carry
/// the security headers and load nothing from elsewhere.
@Suite struct ServerPageTests {
    static let hostile = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> evil\u{202E}txt.exe\u{2066}"

    static var scans: [ScanRun] {
        var scan = DemoScan.scan
        let index = scan.findings.firstIndex { $0.identity == DemoScan.Ids.shell }!
        scan.findings[index].title = hostile
        scan.findings[index].message = hostile
        return [scan]
    }

    @Test func hostileFindingTextIsEscapedOnTheFindingPage() async throws {
        let bed = try await ServerTestbed(scans: Self.scans)
        let page = try await bed.request("/findings/" + DemoScan.Ids.shell.prefix(12))
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(!page.text.contains("<script>") && !page.text.contains("<img"))
        #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.text.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(!page.text.unicodeScalars.contains { [0x202E, 0x2066].contains($0.value) })
        #expect(page.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(!page.text.contains("http://") && !page.text.contains("https://"))
        #expect(try await bed.request("/findings/ffffffffffff").status == 404)
    }
}
