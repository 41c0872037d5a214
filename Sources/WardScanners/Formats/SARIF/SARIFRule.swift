import Foundation
import WardCore

/// One rule of a SARIF run with the CWE texts it names itself, read once for all of its results:
/// a run of 200,000 results usually names a few hundred rules. A class, so that handing a result
/// its rule costs one reference, not one for each of its texts.
final class SARIFRule: Sendable {
    /// The rule object (`.null` when a result names no known rule).
    let value: JSONValue
    /// Its tags that mention a CWE, in order.
    let tags: [String]
    /// Its `properties.cwe`.
    let cwe: [String]
    /// The CWE ids its relationships to a CWE taxonomy name.
    let related: [String]
    /// The CWE ids of a result that adds none of its own.
    let cwes: [String]

    /// A rule read with `isCWE` telling whether a relationship's tool component is a CWE taxonomy.
    init(_ value: JSONValue, isCWE: (JSONValue) -> Bool) {
        self.value = value
        tags = value["properties"]["tags"].strings.filter(Self.mentionsCWE)
        cwe = value["properties"]["cwe"].strings
        related = (value["relationships"].array ?? []).compactMap { Self.cweID(of: $0["target"], isCWE: isCWE) }
        cwes = CWE.normalize(all: tags + cwe + related)
    }

    /// The CWE a reference (a relationship's target, a result's taxon) names: its id, when its tool
    /// component is a CWE taxonomy or the id says CWE itself, prefixed `CWE-` if it is bare.
    static func cweID(of reference: JSONValue, isCWE: (JSONValue) -> Bool) -> String? {
        guard let id = reference["id"].string, isCWE(reference["toolComponent"]) || id.uppercased().hasPrefix("CWE") else { return nil }
        return id.uppercased().hasPrefix("CWE") ? id : "CWE-" + id
    }

    /// Whether a tag names a CWE: `cwe` in any case (compared by bytes when the tag is ASCII).
    static func mentionsCWE(_ tag: String) -> Bool {
        ASCIIText.isASCII(tag) ? ASCIIText.contains(tag, lowercaseNeedle: "cwe") : tag.lowercased().contains("cwe")
    }
}
