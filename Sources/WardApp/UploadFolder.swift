import Foundation

/// A private temporary folder holding an upload's reports as files, so that they are read by the
/// same importer as `ward import`'s, each under its own name (`0/semgrep.json`); removed once the
/// upload is recorded or refused.
struct UploadFolder: Sendable {
    /// The folder (mode 0700).
    let path: String
    /// One file per report, in the upload's order.
    let files: [String]

    init(reports: [UploadDocument.Report]) throws(AppError) {
        path = NSTemporaryDirectory() + "ward-upload-" + UUID().uuidString
        var files: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for (index, report) in reports.enumerated() {
                let folder = path + "/\(index)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                let file = folder + "/" + Self.fileName(report.name)
                guard FileManager.default.createFile(atPath: file, contents: report.content, attributes: [.posixPermissions: 0o600]) else {
                    throw CocoaError(.fileWriteUnknown)
                }
                files.append(file)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw .unusableInput(reason: "the upload could not be stored for reading")
        }
        self.files = files
    }

    /// The last component of `name`, kept to letters, digits, `.`, `-` and `_` (at most 100),
    /// `report` when nothing is left.
    static func fileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var kept = String.UnicodeScalarView()
        for scalar in last.unicodeScalars where kept.count < 100 && UploadNameShape.isNameCharacter(scalar, uppercase: true) {
            kept.append(scalar)
        }
        let name = String(kept)
        return name.isEmpty || name.allSatisfy({ $0 == "." }) ? "report" : name
    }

    /// `error` with this folder's paths turned into the reports' own names, so that it reads as
    /// `ward import`'s and says nothing of the server's file system.
    func scrubbed(_ error: AppError) -> AppError {
        let scrub = { (text: String) -> String in
            var text = text
            for file in files { text = text.replacingOccurrences(of: file, with: (file as NSString).lastPathComponent) }
            return text.replacingOccurrences(of: path + "/", with: "")
        }
        switch error {
        case .invalidRequest(let reason): return .invalidRequest(reason: scrub(reason))
        case .unusableInput(let reason): return .unusableInput(reason: scrub(reason))
        default: return error
        }
    }

    /// Removes the folder and the reports.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
