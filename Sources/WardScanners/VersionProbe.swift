import Foundation

/// Reads a version number out of a tool's `--version` output.
public enum VersionProbe {
    /// The first dotted version number in `text`.
    public static func version(in text: String) -> String? {
        VersionText.firstVersion(in: text)
    }
}
