import Foundation
import WardCore

/// The report files of one import, each read once through ``BoundedReader`` (a large file mapped,
/// standard input read up to the limit) and hashed as it is read.
///
/// The import digest (``ReportDigest``) is therefore known before anything is parsed, so a report
/// already recorded is recognised without parsing it, standard input included, and it is the
/// digest of exactly the bytes ``ReportImporter`` then parses: no second read of a file that could
/// have changed in between, and no second pass of SHA-256 over it.
public struct ReportFiles: Sendable {
    /// One report file: its name as given (`-` is standard input) and its bytes.
    public struct File: Sendable {
        /// The name the file was given by, named in errors.
        public let name: String
        /// Its bytes.
        public let data: Data
    }

    /// The files, in the order given.
    public internal(set) var files: [File]
    /// The import digest of the files for the importing tool and root.
    public let digest: String
    /// The id of the tool whose reports they are.
    let toolID: String

    /// Reads and hashes `names` as reports of `plugin` under `root`.
    ///
    /// - Throws: ``ScannerError/unsupportedFormat(path:tool:)`` when `plugin` reads no reports (the
    ///   built-in detector), before any file is read; else the first file that cannot be read.
    public static func read(_ names: [String], plugin: any ScannerPlugin, root: String, limit: Int) throws(ScannerError) -> ReportFiles {
        guard plugin is any ReportImporting else { throw ScannerError.unsupportedFormat(path: names.first ?? "-", tool: plugin.id) }
        let reader = BoundedReader(limit: limit)
        var digest = ReportDigest.Accumulator(toolID: plugin.id, root: root)
        var files: [File] = []
        for name in names {
            let data = try reader.read(name)
            digest.add(fileDigest: SHA256.digest(data: data))
            files.append(File(name: name, data: data))
        }
        return ReportFiles(files: files, digest: digest.finalize(), toolID: plugin.id)
    }
}
