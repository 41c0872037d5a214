import Foundation

/// Container image references, reduced to what identifies an image across tags.
public enum ImageReference {
    /// The repository of `reference`, without tag or digest: `docker.io/library/alpine:3.10@sha256:…` → `docker.io/library/alpine`.
    public static func repository(_ reference: String) -> String {
        var name = reference
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") { name = String(name[..<colon]) }
        return name
    }
}
