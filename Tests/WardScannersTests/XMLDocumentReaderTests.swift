import Foundation
import Testing
import TestSupport
@testable import WardScanners

/// XML reports go through libxml2 with entities, DTDs and the network off; malformed input is a
/// clean error with a line and column, never a crash.
@Suite struct XMLDocumentReaderTests {
    static func bytes(_ parts: [any Sendable]) -> Data {
        var data = Data()
        for part in parts {
            if let text = part as? String { data.append(contentsOf: Array(text.utf8)) }
            if let raw = part as? [UInt8] { data.append(contentsOf: raw) }
        }
        return data
    }

    /// Invalid UTF-8 in names and references killed the process inside FoundationXML (SIGILL).
    static let invalidUTF8: [(name: String, data: Data)] = [
        ("element name", bytes([#"<?xml version="1.0"?><testsuites><test"#, [0xFF] as [UInt8], #"suite name="a"/></testsuites>"#])),
        ("attribute name", bytes([#"<?xml version="1.0"?><testsuites><testsuite na"#, [0xFF] as [UInt8], #"me="a"/></testsuites>"#])),
        ("entity reference", bytes([#"<?xml version="1.0"?><testsuites><testsuite name="&a"#, [0xFF] as [UInt8], #";"/></testsuites>"#])),
        ("attribute value", bytes([#"<?xml version="1.0"?><testsuites><testsuite name=""#, [0xC3, 0x28] as [UInt8], #""/></testsuites>"#])),
        ("text", bytes([#"<?xml version="1.0"?><testsuites>"#, [0xED, 0xA0, 0x80] as [UInt8], "</testsuites>"])),
    ]

    @Test(arguments: invalidUTF8.indices)
    func invalidUTF8IsACleanErrorWithItsPlace(index: Int) {
        let error = #expect(throws: ScannerError.self) { try XMLTree.parse(Self.invalidUTF8[index].data, source: "r.xml") }
        guard case .invalidReport(let path, let line, let column, let reason)? = error else {
            Issue.record("\(Self.invalidUTF8[index].name): \(String(describing: error))")
            return
        }
        #expect(path == "r.xml" && line == 1 && column > 1)
        #expect(!reason.contains("testsuite"), "libxml2's message quotes the document; Ward's never does")
    }

    @Test func aBillionLaughsIsRefusedWithoutExpandingAnything() {
        var document = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            document += " <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n"
        }
        document += "]>\n<testsuites><testsuite name=\"&lol9;\"/></testsuites>\n"
        let started = ContinuousClock.now
        #expect(throws: ScannerError.invalidReport(path: "b.xml", line: 3, column: 1, reason: "XML that declares entities is not read")) {
            try XMLTree.parse(Data(document.utf8), source: "b.xml")
        }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test(arguments: [
        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<testsuites><testsuite name=\"&xxe;\"/></testsuites>",
        "<!DOCTYPE x [<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/x.dtd\"> %remote;]>\n<testsuites/>",
        "<!DOCTYPE x SYSTEM \"file:///etc/passwd\">\n<testsuites>&ent;</testsuites>",
    ])
    func externalEntitiesAndDTDsAreNeverLoaded(document: String) {
        // Refused, or read with the reference left unexpanded: never the content of /etc/passwd.
        do {
            let root = try XMLTree.parse(Data(document.utf8), source: "x.xml")
            #expect(!"\(root)".contains("root:"))
        } catch {
            #expect(!error.description.contains("root:"))
            #expect(error.description.hasPrefix("x.xml:"), "\(error)")
        }
    }

    @Test func anExternalDTDWithoutEntitiesIsReadWithoutFetchingIt() throws {
        let root = try XMLTree.parse(Data("<!DOCTYPE x SYSTEM \"file:///etc/passwd\">\n<a b=\"c\">t</a>".utf8), source: "x.xml")
        #expect(root.name == "a" && root.attributes == ["b": "c"] && root.text == "t")
    }

    @Test func buildsTheTreeTheReadersNeed() throws {
        let text = """
            \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
            <testsuites><testsuite name="s" tests="2">
            <testcase name="r1" file="a.py" line="3"><failure type="ERROR" message="m &amp; n"><![CDATA[x < y]]></failure></testcase>
            <testcase name="r2"><ns:extra xmlns:ns="urn:x" ns:k="v">é</ns:extra></testcase>
            </testsuite></testsuites>
            """
        let root = try XMLTree.parse(Data(text.utf8), source: "r.xml")
        #expect(root.name == "testsuites")
        let cases = root.descendants("testcase")
        #expect(cases.map { $0.attributes["name"] } == ["r1", "r2"])
        let failure = try #require(cases[0].elements("failure").first)
        #expect(failure.attributes == ["type": "ERROR", "message": "m & n"])
        #expect(failure.text == "x < y")
        let extra = try #require(cases[1].children.first)
        #expect(extra.name == "ns:extra" && extra.attributes["ns:k"] == "v" && extra.text == "é")
    }

    @Test(arguments: ["", "   ", "<a>", "<a></b>", "<a/><b/>", "<a x='1' x='2'/>", "<a>&undefined;</a>"])
    func malformedDocumentsAreOneLineErrors(text: String) {
        let error = #expect(throws: ScannerError.self) { try XMLTree.parse(Data(text.utf8), source: "m.xml") }
        #expect(error?.description.hasPrefix("m.xml:1:") == true, "\(String(describing: error))")
        #expect(error?.description.contains("\n") == false)
    }

    @Test func rawControlCharactersFromSourceCodeAreStillRead() throws {
        let root = try XMLTree.parse(Data("<a>x\u{01}y</a>".utf8), source: "c.xml")
        #expect(root.text == "x y")
    }
}
