import Foundation

/// Each value's rank among the distinct values of a list, in a given order: equal values share a
/// rank. Each distinct value is hashed once per occurrence and compared with the others once, so
/// a large list sorted by the ranks compares integers instead of the values themselves.
public enum DistinctRanks {
    /// The rank of each of `values` among the distinct ones ordered by `areInIncreasingOrder`.
    ///
    /// Inlinable, so a caller in another module (the reporters' finding order) gets it specialized
    /// for its value type: otherwise every hash and comparison goes through the generic witnesses.
    @inlinable
    public static func of<Value: Hashable>(_ values: [Value], by areInIncreasingOrder: (Value, Value) -> Bool) -> [Int] {
        var ids: [Value: Int] = [:]
        var distinct: [Value] = []
        let provisional = values.map { value in
            if let id = ids[value] { return id }
            ids[value] = distinct.count
            distinct.append(value)
            return distinct.count - 1
        }
        var rankOfID = [Int](repeating: 0, count: distinct.count)
        for (rank, id) in distinct.indices.sorted(by: { areInIncreasingOrder(distinct[$0], distinct[$1]) }).enumerated() {
            rankOfID[id] = rank
        }
        return provisional.map { rankOfID[$0] }
    }
}
