import Foundation

/// Names the package ecosystem of a Trivy finding the way Ward's other dependency scanners do
/// (`pypi`, `npm`, `go`, `maven`…), so two tools reporting one advisory share an identity.
enum TrivyEcosystem {
    /// The ecosystem from the package URL when there is one, else from the result `Type`.
    static func of(purl: String?, type: String?) -> String {
        if let purl, let fromPURL = ofPURL(purl) { return fromPURL }
        return ofType(type)
    }

    /// `pkg:pypi/django@1.0` → `pypi`; OS package URLs name their distribution
    /// (`pkg:deb/debian/apt@…` → `debian`).
    static func ofPURL(_ purl: String) -> String? {
        guard purl.hasPrefix("pkg:") else { return nil }
        let parts = purl.dropFirst(4).split(separator: "/", maxSplits: 2)
        guard let type = parts.first?.lowercased(), !type.isEmpty else { return nil }
        switch type {
        case "deb", "rpm", "apk", "alpm", "ebuild":
            return parts.count > 2 ? parts[1].lowercased() : type
        case "golang": return "go"
        case "gem": return "rubygems"
        case "composer": return "packagist"
        default: return type
        }
    }

    /// The ecosystem of a Trivy result `Type` (`pip`, `poetry`, `package-lock`…, or an OS family).
    static func ofType(_ type: String?) -> String {
        guard let type = type?.lowercased(), !type.isEmpty else { return "unknown" }
        switch type {
        case "pip", "pipenv", "poetry", "uv", "python-pkg", "pylock": return "pypi"
        case "conda-pkg", "conda-environment": return "conda"
        case "npm", "yarn", "pnpm", "bun", "node-pkg", "javascript": return "npm"
        case "gomod", "gobinary": return "go"
        case "cargo", "rustbinary": return "cargo"
        case "composer", "composer-vendor": return "packagist"
        case "bundler", "gemspec": return "rubygems"
        case "jar", "pom", "gradle", "sbt": return "maven"
        case "nuget", "dotnet-core", "packages-props": return "nuget"
        default: return type
        }
    }

    /// The ecosystem a manifest file name implies (SARIF reports carry no result type).
    static func ofManifest(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent.lowercased()
        switch name {
        case "requirements.txt", "pipfile.lock", "poetry.lock", "uv.lock", "setup.py", "pyproject.toml": return "pypi"
        case "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "package.json", "bun.lock": return "npm"
        case "go.mod", "go.sum": return "go"
        case "cargo.lock": return "cargo"
        case "composer.lock": return "packagist"
        case "gemfile.lock": return "rubygems"
        case "pom.xml", "gradle.lockfile": return "maven"
        case "packages.lock.json", "packages.config": return "nuget"
        default:
            if name.hasSuffix(".jar") || name.hasSuffix(".war") || name.hasSuffix(".ear") { return "maven" }
            if name.hasSuffix(".deps.json") { return "nuget" }
            return "unknown"
        }
    }

    /// Whether a legacy (pre-schema) result type names an operating system, not a language.
    static func isOperatingSystem(_ type: String?) -> Bool {
        guard let type = type?.lowercased() else { return false }
        let families: Set<String> = [
            "alpine", "debian", "ubuntu", "redhat", "centos", "rocky", "alma", "amazon", "oracle", "photon",
            "suse", "opensuse", "opensuse.leap", "opensuse.tumbleweed", "sles", "wolfi", "chainguard",
            "mariner", "cbl-mariner", "azurelinux", "fedora", "bottlerocket", "echo", "minimos", "coreos",
        ]
        return families.contains(type)
    }
}
