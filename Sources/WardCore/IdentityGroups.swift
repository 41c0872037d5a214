import Foundation

/// The findings of a scan grouped by identity, in order of first appearance.
///
/// Stored as linked lists over the finding indices, so grouping a large scan allocates two arrays.
public struct IdentityGroups: Sendable {
    /// Index of the first finding of each identity.
    public private(set) var heads: [Int] = []
    /// For each finding, the index of the next one with the same identity, or -1.
    private var next: [Int]

    /// Groups `findings` by ``Finding/identity``.
    public init(_ findings: [Finding]) {
        next = Array(repeating: -1, count: findings.count)
        var tails: [String: Int] = [:]
        tails.reserveCapacity(findings.count)
        // By index: a finding is large, and a copy of each would cost a retain per field.
        for index in findings.indices {
            if let tail = tails.updateValue(index, forKey: findings[index].identity) {
                next[tail] = index
            } else {
                heads.append(index)
            }
        }
    }

    /// Number of distinct identities.
    public var count: Int { heads.count }

    /// Replaces `members` with the indices of the findings sharing the identity of `head`, `head` first.
    public func members(startingAt head: Int, into members: inout [Int]) {
        members.removeAll(keepingCapacity: true)
        var index = head
        while index >= 0 {
            members.append(index)
            index = next[index]
        }
    }
}
