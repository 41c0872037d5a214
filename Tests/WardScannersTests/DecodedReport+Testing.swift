import Foundation
import WardCore
@testable import WardScanners

extension DecodedReport {
    /// The clear secret values by finding index, for comparing in tests.
    var secretsByIndex: [Int: String] {
        Dictionary(uniqueKeysWithValues: findings.enumerated().compactMap { index, decoded in decoded.secret.map { (index, $0) } })
    }

    /// The unkeyed secret digests by finding index.
    var digestsByIndex: [Int: String] {
        Dictionary(uniqueKeysWithValues: findings.enumerated().compactMap { index, decoded in decoded.secretDigest.map { (index, $0) } })
    }

    /// The further values to mask by finding index, for findings that have any.
    var maskedByIndex: [Int: [String]] {
        Dictionary(uniqueKeysWithValues: findings.enumerated().compactMap { index, decoded in
            decoded.maskedValues.isEmpty ? nil : (index, decoded.maskedValues)
        })
    }

    /// The findings without their secret values.
    var plainFindings: [Finding] { findings.map(\.finding) }
}

extension FindingNormalizer {
    /// Normalizes findings that carry no secret values.
    func normalize(_ findings: [Finding], family: String, source: String) throws(ScannerError) -> [Finding] {
        try normalize(DecodedReport(findings: findings), family: family, source: source)
    }
}
