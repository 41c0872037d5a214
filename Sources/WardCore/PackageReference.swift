import Foundation

/// The third-party package a dependency or container finding is about.
public struct PackageReference: Codable, Sendable, Hashable {
    /// Ecosystem in lowercase: `pypi`, `npm`, `alpine`…
    public var ecosystem: String
    /// The package name as the tool reported it.
    public var name: String
    /// The version found installed or pinned.
    public var installedVersion: String?
    /// Versions that fix the advisory, as reported.
    public var fixedVersions: [String]
    /// Package URL, when known.
    public var purl: String?

    /// Creates a package reference.
    public init(ecosystem: String, name: String, installedVersion: String? = nil, fixedVersions: [String] = [], purl: String? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.installedVersion = installedVersion
        self.fixedVersions = fixedVersions
        self.purl = purl
    }

    /// The name normalized for comparison (PEP 503 for PyPI: lowercase, runs of `-_.` become `-`).
    public var normalizedName: String {
        let lowered = name.lowercased()
        guard ecosystem == "pypi" else { return lowered }
        var result = ""
        var lastWasSeparator = false
        for character in lowered {
            if character == "-" || character == "_" || character == "." {
                if !lastWasSeparator { result.append("-") }
                lastWasSeparator = true
            } else {
                result.append(character)
                lastWasSeparator = false
            }
        }
        return result
    }
}
