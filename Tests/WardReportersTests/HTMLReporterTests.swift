import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters

/// The HTML report is one inert, self-contained page: hostile text from a scanned repository stays
/// text, only http(s) references become links, nothing is loaded from anywhere, the only script
/// and style are the ones the Content-Security-Policy allows by hash, and no secret gets through.
@Suite struct HTMLReporterTests {
    static let secret = "ghp_" + "Zq8sLw2Nx7Rv4Tk9Pm3Hc6Jd1Fb5Gy0AuE2o"
    static let hostile = "<script>alert(\"x\")</script> \"><img src=x onerror=alert(1)> 'single' & &amp; </style></script>"
    static let controls = "red\u{1B}[31m link\u{1B}]8;;https://evil.example\u{07}here\u{1B}]8;;\u{07} nul\u{0} bidi\u{202E}txt.exe\u{202C}"

    static let scan: ScanRun = {
        let raw = "{\"Secret\":\"\(secret)\",\"Match\":\"TOKEN = '\(secret)'\"}"
        var leak = Finding(toolID: "gitleaks", ruleID: "github-pat</script>", ruleName: "token \(secret) \(hostile)",
                           title: "GitHub token \(secret) " + hostile, message: "found \(secret) " + controls, kind: .secret, severity: .critical,
                           location: SourceLocation(path: "app/'quoted\" & <b>.py", startLine: 3, snippet: "TOKEN = '\(secret)' </pre></code><script>x</script>"),
                           identity: "v1:\"><script>alert(1)</script>", raw: raw)
        leak.references = ["javascript:alert(1)", "JaVaScRiPt:alert(2)", " javascript:alert(3)", "data:text/html,<script>alert(4)</script>",
                           "vbscript:msgbox", "https://example.invalid/a?b=\"c\"&d=<e>", "https://example.invalid/?token=\(secret)"]
        leak.metadata = ["match": secret]
        var waived = leak
        waived.identity = "v1:w"
        waived.severity = .low
        waived.suppression = Suppression(source: .policy, justification: "rotated \(secret) " + hostile)
        let sast = Finding(toolID: "semgrep", ruleID: "python.<i>hardcoded", title: "Hard-coded token " + controls,
                           message: "m & \(hostile)", kind: .sast, severity: .medium, cwes: ["CWE-798 <b>"],
                           location: SourceLocation(path: "app/'quoted\" & <b>.py", startLine: 3, snippet: "TOKEN = '\(secret)'"),
                           package: PackageReference(ecosystem: "pypi<", name: "pkg\"><svg onload=alert(1)>", installedVersion: "1 & 2"),
                           identity: "v1:t")
        return ScanRun(id: "s\"<x>", target: ScanTarget(name: "t<script>alert(1)</script>", root: "/r", branch: "b\"'<>&",
                                                        commit: "c<img src=x>", runURL: "javascript:alert(document.cookie)"),
                       mode: .import, startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0<b>",
                       toolRuns: [ToolRun(toolID: "gitleaks", state: .succeeded),
                                  ToolRun(toolID: "semgrep", state: .unparseable, errors: ["report: <script>alert(1)</script> " + controls])],
                       findings: [leak, waived, sast])
    }()

    static let gate = GateResult(outcome: .incomplete, policy: "p<script>", reasons: ["reason " + hostile], failingIdentities: ["v1:t"],
                                 checks: [.init(name: "c<b>", passed: false, detail: "d " + hostile)], warnings: ["w " + hostile])

    static func render(_ scan: ScanRun, gate: GateResult) throws -> String {
        String(decoding: try HTMLReporter.render(scan, gate: gate, options: RenderOptions()), as: UTF8.self)
    }

    /// Every tag name the page opens.
    static func tags(_ page: String) -> Set<String> {
        Set(page.matches(of: /<([a-zA-Z][a-zA-Z0-9]*)/).map { String($0.1).lowercased() })
    }

    @Test func hostileTextStaysTextAndOnlyHTTPReferencesBecomeLinks() throws {
        let page = try Self.render(Self.scan, gate: Self.gate)
        // Only the page's own elements: nothing the scanned text tried to open
        let allowed: Set = ["html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "span", "strong", "code", "p",
                            "main", "section", "dl", "dt", "dd", "a", "table", "caption", "thead", "tbody", "tr", "th", "td", "br", "ul",
                            "li", "form", "label", "select", "option", "input", "pre", "footer", "script"]
        #expect(Self.tags(page).subtracting(allowed).isEmpty, "\(Self.tags(page).subtracting(allowed))")
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(page.components(separatedBy: "</script").count == 2)
        #expect(page.components(separatedBy: "</style").count == 2)
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &#39;single&#39; &amp; &amp;amp;"))
        // Every link is http or https; the other references are shown as text
        let links = page.matches(of: /href="([^"]*)"/).map { String($0.1) }
        #expect(links.count == 4 && links.allSatisfy { $0.hasPrefix("https://example.invalid/") }, "\(links)")
        #expect(links.contains("https://example.invalid/a?b=&quot;c&quot;&amp;d=&lt;e&gt;"))
        #expect(page.contains("<span class=\"address\">javascript:alert(1)</span>"))
        #expect(page.contains("<span class=\"address\">data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;</span>"))
        #expect(!page.contains("href=\"javascript") && !page.contains("href=\"data") && !page.contains("href=\" "))
        // The CI run's address is not an http(s) one: text, not a link
        #expect(page.contains("javascript:alert(document.cookie)</span>"))
    }

    @Test func terminalAndBidiControlsAreShownAsMarkersNotPassedThrough() throws {
        let page = try Self.render(Self.scan, gate: Self.gate)
        for scalar in page.unicodeScalars {
            let value = scalar.value
            #expect(value == 0x0A || (value >= 0x20 && value != 0x7F && !(0x80...0x9F).contains(value)), "U+\(String(value, radix: 16))")
            #expect(![0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C].contains(value))
        }
        #expect(page.contains("red\\u{1B}[31m"))
        #expect(page.contains("bidi\\u{202E}txt.exe"))
    }

    @Test func aSecretInEveryFreeTextFieldIsNotInThePage() throws {
        let page = try Self.render(Self.scan, gate: Self.gate)
        #expect(!page.isEmpty)
        for window in ["Zq8sLw2Nx7", "Rv4Tk9Pm3Hc6", "Jd1Fb5Gy0AuE2o"] { #expect(!page.contains(window), "the page holds \(window)") }
    }

    @Test(arguments: ["demo", "hostile"])
    func nothingIsLoadedFromAnywhere(scan name: String) throws {
        let page = name == "demo" ? try Self.render(DemoScan.scan, gate: DemoScan.gate) : try Self.render(Self.scan, gate: Self.gate)
        // Text from the scan is escaped, so every `<` left opens one of the page's own tags
        let tags = page.matches(of: /<[^>]*>/).map { $0.0.lowercased() }
        for tag in tags {
            #expect(tag.firstMatch(of: /\s(src|srcset|data|poster|background|action|formaction)=/) == nil, "\(name): \(tag)")
            for element in ["<link", "<iframe", "<object", "<embed", "<base", "<img", "<svg", "<video", "<audio", "<source"] {
                #expect(!tag.hasPrefix(element), "\(name): \(tag)")
            }
            // An http(s) address in a tag is only ever a link's target
            if tag.contains("http:") || tag.contains("https:") { #expect(tag.hasPrefix("<a href=\"http"), "\(name): \(tag)") }
        }
        let style = try #require(page.firstMatch(of: /<style>([\s\S]*?)<\/style>/)).1.lowercased()
        for rule in ["url(", "@import", "@font-face", "image-set("] { #expect(!style.contains(rule), "\(name): \(rule)") }
        let script = try #require(page.firstMatch(of: /<script>([\s\S]*?)<\/script>/)).1.lowercased()
        for call in ["fetch(", "xmlhttprequest", "import(", "websocket", "eventsource", ".src", "innerhtml", "eval(", "location"] {
            #expect(!script.contains(call), "\(name): \(call)")
        }
    }

    @Test func theOnlyScriptAndStyleAreTheOnesThePolicyAllowsByHash() throws {
        let page = try Self.render(DemoScan.scan, gate: DemoScan.gate)
        let script = try #require(page.firstMatch(of: /<script>([\s\S]*?)<\/script>/)).1
        let style = try #require(page.firstMatch(of: /<style>([\s\S]*?)<\/style>/)).1
        func hash(_ text: Substring) -> String { "'sha256-" + Data(SHA256.digest(Array(text.utf8))).base64EncodedString() + "'" }
        let policy = try #require(page.firstMatch(of: /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)).1
        let directives = Dictionary(policy.split(separator: ";").map { part -> (String, String) in
            let words = part.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            return (String(words[0]), words.count > 1 ? String(words[1]) : "")
        }) { first, _ in first }
        #expect(directives["default-src"] == "'none'")
        #expect(directives["script-src"] == hash(script))
        #expect(directives["style-src"] == hash(style))
        #expect(directives["base-uri"] == "'none'" && directives["form-action"] == "'none'")
        // The policy comes before the style and the script it governs; no inline handler or style attribute exists
        #expect(page.range(of: "Content-Security-Policy")!.lowerBound < page.range(of: "<style>")!.lowerBound)
        #expect(page.firstMatch(of: /\son[a-z]+=/) == nil)
        #expect(!page.contains(" style="))
    }

    @Test func withoutJavaScriptEveryFindingIsInThePageAndTheFiltersAreHidden() throws {
        let page = try Self.render(DemoScan.scan, gate: DemoScan.gate)
        #expect(page.contains("<form id=\"filters\" class=\"filters\" role=\"search\" aria-label=\"Filter the findings\" hidden>"))
        #expect(page.components(separatedBy: "<tr class=\"finding\"").count - 1 == DemoScan.scan.findings.count)
        for finding in DemoScan.scan.findings { #expect(page.contains(finding.identity)) }
        // The incomplete run is marked in the summary and its tool's row
        #expect(page.contains("<p class=\"notice\">Incomplete scan: trufflehog timed-out."))
        #expect(page.contains("<span class=\"state-bad\">timed-out, incomplete</span>"))
    }

    @Test func aScanWithoutFindingsSaysSoAndOffersNoFilters() throws {
        var scan = DemoScan.scan
        scan.findings = []
        let page = try Self.render(scan, gate: GateResult(outcome: .pass, policy: "default", reasons: [], failingIdentities: []))
        #expect(page.contains("<p>No findings.</p>"))
        #expect(!page.contains("id=\"filters\""))
        #expect(page.contains("outcome-pass"))
    }
}
