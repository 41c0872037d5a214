import Foundation
import Testing
import WardCore

/// The byte-level text answers agree with Foundation's on the texts readers meet, non-ASCII included.
@Suite struct ASCIITextTests {
    static let texts = [
        "", "cwe", "CWE-79: Cross-site scripting", "external/cwe/cwe-089", "security", "Cwe", "xCwEx", "c", "cw",
        "ward.python.rule", "rules.ward.python.rule", "  padded\t", "\tleft", "right ", "naïve cwe", "ünïcode",
        "\u{00A0}nbsp\u{00A0}", "src/a.py", " ", "\u{2003}em space", "e\u{301}cwe",
    ]

    @Test(arguments: texts)
    func containsIgnoringCaseAgreesWithLowercasedContains(text: String) {
        guard ASCIIText.isASCII(text) else { return }
        #expect(ASCIIText.contains(text, lowercaseNeedle: "cwe") == text.lowercased().contains("cwe"))
    }

    @Test(arguments: texts)
    func firstRangeAgreesWithFoundationOnASCIINeedles(text: String) {
        for needle in ["ward.python.", "cwe", "a", "src/"] {
            let ours = LiteralText.firstRange(of: needle, in: text).map { text[$0] }
            let theirs = text.range(of: needle).map { text[$0] }
            #expect(ours == theirs, "\(needle) in \(text)")
            #expect(LiteralText.firstRange(of: needle, in: text)?.lowerBound == text.range(of: needle)?.lowerBound)
        }
    }

    @Test(arguments: texts)
    func trimmingAgreesWithFoundationWhitespaces(text: String) {
        #expect(ASCIIText.trimmingWhitespace(text) == text.trimmingCharacters(in: .whitespaces))
    }

    /// Eight bytes at a time: a non-ASCII byte anywhere, at each offset and in the tail, is seen.
    @Test func isASCIIFindsANonASCIIByteAtEveryOffset() {
        for length in 0..<40 {
            let plain = String(repeating: "a", count: length)
            #expect(ASCIIText.isASCII(plain))
            #expect(ASCIIText.isASCII(plain[...]))
            for offset in 0..<length {
                var scalars = Array(plain.unicodeScalars)
                scalars[offset] = "é"
                let text = String(String.UnicodeScalarView(scalars))
                #expect(!ASCIIText.isASCII(text), "\(offset) of \(length)")
                #expect(!ASCIIText.isASCII(NSString(string: text) as String), "bridged, \(offset) of \(length)")
            }
        }
        #expect(ASCIIText.isASCII("\u{7F}\u{0}"))
    }

    @Test func anEmptyNeedleIsNeverFound() {
        #expect(LiteralText.firstRange(of: "", in: "abc") == nil)
        #expect(ASCIIText.contains("", lowercaseNeedle: "") == true)
        #expect(ASCIIText.contains("ab", lowercaseNeedle: "abc") == false)
    }

    @Test func cweNumbersAreReadFromASCIIAndOtherTextAlike() {
        #expect(CWE.normalize("cwe-0089: SQL injection") == "CWE-89")
        #expect(CWE.normalize("https://cwe.mitre.org/data/definitions/79.html") == "CWE-79")
        #expect(CWE.normalize("external/cwe/cwe-78") == "CWE-78")
        #expect(CWE.normalize("22") == "CWE-22")
        #expect(CWE.normalize("CWE-0") == nil)
        #expect(CWE.normalize("no weakness") == nil)
        #expect(CWE.normalize("") == nil)
        #expect(CWE.normalize("ünïcode cwe-12") == "CWE-12")
    }
}
