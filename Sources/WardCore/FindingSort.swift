import Foundation

/// Orders of a findings listing; ties are broken by path, line and the order of recording.
public enum FindingSort: String, Sendable, Hashable, CaseIterable {
    /// Most severe first (the default).
    case severity
    /// Most recently first seen first.
    case newest
    /// Longest open first (earliest first seen).
    case oldest
    /// Most recently seen first.
    case lastSeen = "last-seen"
    /// By path, then line.
    case path
    /// By tool and rule.
    case rule
}
