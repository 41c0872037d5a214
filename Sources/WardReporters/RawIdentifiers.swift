import Foundation
import WardCore

/// The identifiers in a tool's own record of a finding (`test_id`, `check_id`, `ruleId`,
/// `VulnerabilityID`, `aliases`…), so `ward show` names them without printing the whole record.
enum RawIdentifiers {
    /// `name value` pairs (nested names joined with dots), in key order, from the record's first three levels; at most `limit`.
    static func pairs(in raw: String, limit: Int = 8) -> [String] {
        guard let value = try? JSONParser.parse(raw) else { return [] }
        var found: [String] = []
        collect(value, path: "", depth: 0, into: &found)
        return Array(found.prefix(limit))
    }

    private static func collect(_ value: JSONValue, path: String, depth: Int, into found: inout [String]) {
        guard depth < 3 else { return }
        switch value {
        case .object(let members):
            for key in members.keys.sorted() {
                let member = members[key] ?? .null
                let name = path.isEmpty ? key : path + "." + key
                if isIdentifier(key) {
                    let values = member.text.map { [$0] } ?? member.strings
                    let shown = values.filter { !$0.isEmpty && $0.count <= 80 }
                    if !shown.isEmpty { found.append(name + " " + shown.joined(separator: ", ")) }
                } else {
                    collect(member, path: name, depth: depth + 1, into: &found)
                }
            }
        case .array(let items):
            for item in items.prefix(4) { collect(item, path: path, depth: depth + 1, into: &found) }
        default:
            return
        }
    }

    private static func isIdentifier(_ key: String) -> Bool {
        let lower = key.lowercased()
        return key.count <= 24 && (lower == "id" || lower.hasSuffix("_id") || key.hasSuffix("Id") || key.hasSuffix("ID")
            || ["aliases", "cve", "ghsa"].contains(lower))
    }
}
