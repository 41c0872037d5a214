import Foundation
import WardCore

/// One rule of a SARIF run with the CWE texts it names itself, read once for all of its results:
/// a run of 200,000 results usually names a few hundred rules.
struct SARIFRule {
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
        var related: [String] = []
        for relationship in value["relationships"].array ?? [] {
            let target = relationship["target"]
            if let id = target["id"].string, isCWE(target["toolComponent"]) || id.uppercased().hasPrefix("CWE") {
                related.append(id.uppercased().hasPrefix("CWE") ? id : "CWE-" + id)
            }
        }
        self.related = related
        cwes = CWE.normalize(all: tags + cwe + related)
    }

    /// Whether a tag names a CWE: `cwe` in any case (compared by bytes when the tag is ASCII).
    static func mentionsCWE(_ tag: String) -> Bool {
        ASCIIText.isASCII(tag) ? ASCIIText.contains(tag, lowercaseNeedle: "cwe") : tag.lowercased().contains("cwe")
    }
}
