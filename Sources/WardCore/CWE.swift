import Foundation

/// Normalizes the many ways tools write CWE ids.
public enum CWE {
    /// Extracts `CWE-N` from strings like `CWE-89: Improper…`, `cwe-89`, `89`, or a CWE URL.
    public static func normalize(_ text: String) -> String? {
        if isCanonical(text) { return text }
        if ASCIIText.isASCII(text) { return asciiNumber(in: text) }
        let upper = text.uppercased()
        var digits = Substring("")
        if let range = upper.range(of: "CWE-") {
            digits = upper[range.upperBound...].prefix(while: \.isNumber)
        } else if let range = upper.range(of: "/DEFINITIONS/") {
            digits = upper[range.upperBound...].prefix(while: \.isNumber)
        } else if upper.allSatisfy(\.isNumber) {
            digits = Substring(upper)
        }
        guard !digits.isEmpty, let number = Int(digits), number > 0 else { return nil }
        return "CWE-\(number)"
    }

    /// ``normalize(_:)`` of an ASCII text, comparing bytes: what uppercasing and searching gives.
    private static func asciiNumber(in text: String) -> String? {
        let upper = String(decoding: text.utf8.map { (0x61...0x7A).contains($0) ? $0 & 0xDF : $0 }, as: UTF8.self)
        let digits: Substring.UTF8View
        if let range = LiteralText.firstRange(of: "CWE-", in: upper) ?? LiteralText.firstRange(of: "/DEFINITIONS/", in: upper) {
            digits = upper[range.upperBound...].utf8.prefix { (0x30...0x39).contains($0) }
        } else if upper.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            digits = upper[...].utf8
        } else {
            return nil
        }
        guard !digits.isEmpty, let number = Int(String(decoding: digits, as: UTF8.self)), number > 0 else { return nil }
        return "CWE-\(number)"
    }

    /// Whether `text` is already `CWE-N` (N without leading zeros), as most lists are once read.
    private static func isCanonical(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count > 4, bytes.count <= 22, bytes.starts(with: "CWE-".utf8) else { return false }
        let digits = bytes.dropFirst(4)
        return digits.first != UInt8(ascii: "0") && digits.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Normalizes and de-duplicates a list, keeping order.
    public static func normalize(all texts: [String]) -> [String] {
        var seen = Set<String>()
        return texts.compactMap(normalize).filter { seen.insert($0).inserted }
    }
}
