import Foundation
import WardCore

/// Turns a SARIF `artifactLocation` into the path Ward stores: relative URIs are resolved through
/// the run's `originalUriBaseIds` (following `uriBaseId` chains), percent-encoding is decoded, and
/// `file:` URIs are left for the normalizer to make relative to the root.
///
/// A relative URI whose chain ends in an absolute `file:` base becomes that absolute path only when
/// the base directory exists on this machine (the report was written here, so the normalizer can
/// relate it to the root). Otherwise the path relative to the chain's root is kept, as GitHub code
/// scanning does: a report written in a CI scratch directory still imports with the paths of the
/// repository.
struct SARIFArtifactPaths {
    /// The run's `originalUriBaseIds`.
    let bases: JSONObject
    /// The run's `artifacts` (2.1.0) or `files` (2.0.0), for locations that only give an index.
    let artifacts: JSONValue
    /// Whether a directory exists (replaceable in tests).
    var directoryExists: @Sendable (String) -> Bool = { path in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Reads the tables of one run.
    init(run: JSONValue) {
        bases = run["originalUriBaseIds"].object ?? [:]
        artifacts = run["artifacts"].isNull ? run["files"] : run["artifacts"]
    }

    /// The path of `location` (an `artifactLocation`, or a 2.0.0 `fileLocation`), or `nil` when it names none.
    func path(of location: JSONValue) -> String? {
        var uri = location["uri"].string.map(ASCIIText.trimmingWhitespace)
        var baseID = location["uriBaseId"].string
        if uri == nil || uri?.isEmpty == true, let index = location["index"].int {
            let artifact = artifacts[index]["location"]
            uri = artifact["uri"].string.map(ASCIIText.trimmingWhitespace)
            baseID = baseID ?? artifact["uriBaseId"].string
        }
        guard let uri, !uri.isEmpty else { return nil }
        if let scheme = Self.scheme(of: uri) {
            return scheme == "file" ? Self.filePath(uri) ?? uri : uri
        }
        if uri.hasPrefix("/") { return Self.decoded(uri) }
        var relative = Self.decoded(uri)
        var visited = Set<String>()
        var next = baseID
        var root: String?
        while let id = next, visited.insert(id).inserted {
            guard let base = bases[id] else { break }
            // 2.0.0 logs give the base as a bare string.
            let baseURI = (base.string ?? base["uri"].string).map(ASCIIText.trimmingWhitespace) ?? ""
            next = base.string == nil ? base["uriBaseId"].string : nil
            if Self.scheme(of: baseURI) != nil {
                root = baseURI
                break
            }
            if !baseURI.isEmpty {
                let prefix = Self.decoded(baseURI)
                relative = (prefix.hasSuffix("/") ? prefix : prefix + "/") + relative
            }
        }
        if relative.hasPrefix("/") { return relative }
        if let root, let directory = Self.localDirectory(root), directoryExists(directory) {
            return (directory.hasSuffix("/") ? directory : directory + "/") + relative
        }
        return relative
    }

    /// The URI scheme (`file`, `https`), or `nil` for a relative reference.
    static func scheme(of uri: String) -> String? {
        // Most URIs a log names are relative: no colon byte, no colon character, no scheme.
        guard uri.utf8.contains(UInt8(ascii: ":")), let colon = uri.firstIndex(of: ":"), colon != uri.startIndex else { return nil }
        let candidate = uri[..<colon]
        guard let first = candidate.first, first.isLetter,
              candidate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else { return nil }
        // A Windows drive letter (`C:/src`) is not a scheme.
        return candidate.count == 1 ? nil : candidate.lowercased()
    }

    /// The path of a `file:` URI, percent-decoded; the host of a `file://host/path` URI is dropped.
    static func filePath(_ uri: String) -> String? {
        if let local = localDirectory(uri) { return local }
        let rest = uri.dropFirst("file://".count)
        guard uri.lowercased().hasPrefix("file://"), let slash = rest.firstIndex(of: "/") else { return nil }
        return decoded(String(rest[slash...]))
    }

    /// The local directory of a `file:` URI without a host (or with `localhost`), percent-decoded.
    static func localDirectory(_ uri: String) -> String? {
        guard scheme(of: uri) == "file" else { return nil }
        var rest = uri.dropFirst("file:".count)
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            if rest.hasPrefix("localhost/") { rest = rest.dropFirst("localhost".count) }
            guard rest.hasPrefix("/") else { return nil }
        }
        guard rest.hasPrefix("/") else { return nil }
        return decoded(String(rest))
    }

    /// `text` with percent-escapes decoded, or unchanged when they are not valid.
    static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return text.removingPercentEncoding ?? text
    }
}
