import Foundation
import WardScanners

/// Checks the scanner ids a request names against the scanners Ward knows.
struct ScannerSelection {
    /// Every scanner available: built in and declared.
    let available: [any ScannerPlugin]

    var known: [String] { available.map(\.id) }

    /// The plugins named, in order; every one when `ids` is nil or empty.
    func plugins(_ ids: [String]?) throws(AppError) -> [any ScannerPlugin] {
        guard let ids, !ids.isEmpty else { return available }
        var selected: [any ScannerPlugin] = []
        for id in ids {
            guard let plugin = available.first(where: { $0.id == id }) else { throw unknown(id) }
            selected.append(plugin)
        }
        return selected
    }

    /// `ids` as a set, once each is known.
    func check(_ ids: some Sequence<String>) throws(AppError) -> Set<String> {
        var checked = Set<String>()
        for id in ids {
            guard known.contains(id) else { throw unknown(id) }
            checked.insert(id)
        }
        return checked
    }

    /// `values` by scanner id, once each id is known.
    func check<Value>(keys values: [String: Value]) throws(AppError) -> [String: Value] {
        _ = try check(values.keys.sorted())
        return values
    }

    private func unknown(_ id: String) -> AppError {
        .wrapping(ScannerError.unknownScanner(id: id, known: known))
    }
}
