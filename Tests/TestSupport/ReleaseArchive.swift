import Foundation

/// The relocatable release archive of `scripts/release`, built once for the current sources (the
/// script returns at once when the archive is up to date) and shared by the tests that install it.
public struct ReleaseArchive: Sendable {
    /// The archive's path.
    public var path: String
    /// Its version, from its name `ward-VERSION-linux-ARCH.tar.gz`.
    public var version: String
    /// Its directory name inside the archive (`ward-VERSION-linux-ARCH`).
    public var name: String
    /// Its SHA-256, as `SHA256SUMS` beside it states.
    public var sha256: String

    /// The directory holding the archive and `SHA256SUMS`.
    public var directory: String { (path as NSString).deletingLastPathComponent }

    /// Builds or reuses the archive.
    public static func current() throws -> ReleaseArchive {
        try cached.get()
    }

    private static let cached: Result<ReleaseArchive, any Error> = Result {
        let run = try TestTools.run(Fixtures.repository + "/scripts/release", [])
        guard run.status == 0, let path = run.output.split(separator: "\n").last.map(String.init), path.hasSuffix(".tar.gz") else {
            throw Failure(message: "scripts/release failed (\(run.status)): \(run.output.suffix(2000))")
        }
        let file = (path as NSString).lastPathComponent
        let name = String(file.dropLast(".tar.gz".count))
        let version = name.replacingOccurrences(of: #"^ward-(.*)-linux-[^-]+$"#, with: "$1", options: .regularExpression)
        let sums = try String(contentsOfFile: (path as NSString).deletingLastPathComponent + "/SHA256SUMS", encoding: .utf8)
        guard let line = sums.split(separator: "\n").first(where: { $0.hasSuffix(" " + file) }),
              let sha = line.split(separator: " ").first else {
            throw Failure(message: "SHA256SUMS does not list \(file)")
        }
        return ReleaseArchive(path: path, version: version, name: name, sha256: String(sha))
    }

    /// Unpacks the archive into a new directory and returns the unpacked `ward-VERSION-linux-ARCH` directory.
    public func unpack() throws -> String {
        let destination = try Fixtures.temporaryDirectory("ward-release")
        let run = try TestTools.run("/usr/bin/tar", ["-xzf", path, "-C", destination])
        guard run.status == 0 else { throw Failure(message: "tar: \(run.output)") }
        return destination + "/" + name
    }

    /// A directory laid out as a release server: `vVERSION/ARCHIVE`, with `archive` as the file
    /// served (the real one unless given).
    public func serverDirectory(serving archive: String? = nil) throws -> String {
        let root = try Fixtures.temporaryDirectory("ward-releases")
        try FileManager.default.createDirectory(atPath: root + "/v" + version, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: archive ?? path, toPath: root + "/v" + version + "/" + (path as NSString).lastPathComponent)
        return root
    }

    /// Why the archive could not be built or read.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        public var description: String { message }
    }
}
