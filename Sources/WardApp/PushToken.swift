import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The API token `ward push` sends: from a token file, else from `WARD_TOKEN`, never from the
/// command line (where every user of the machine could read it in the process list).
public enum PushToken {
    /// The largest token file read.
    static let maximumFileBytes = 4096

    /// The token of `file` when given, else of `WARD_TOKEN` in `environment`; nil when neither
    /// gives one (a loopback server without tokens needs none).
    ///
    /// Like ssh with a private key, a token file that its owner's group or anyone else may read or
    /// write, or that belongs to another user, is refused.
    public static func load(file: String?, environment: [String: String]) throws(AppError) -> String? {
        guard let file else {
            let value = environment["WARD_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return value.isEmpty ? nil : try checked(value, source: "WARD_TOKEN")
        }
        let descriptor = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw .unusableInput(reason: "\(file): cannot read the token file: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .unusableInput(reason: "\(file): the token file is not a regular file")
        }
        guard status.st_mode & 0o077 == 0 else {
            let mode = String(status.st_mode & 0o777, radix: 8)
            throw .unusableInput(reason: "\(file): the token file may be read by others (mode \(mode)); run chmod 600 on it")
        }
        guard status.st_uid == geteuid() else { throw .unusableInput(reason: "\(file): the token file belongs to another user") }
        var bytes = [UInt8](repeating: 0, count: maximumFileBytes + 1)
        let count = read(descriptor, &bytes, bytes.count)
        guard count >= 0, count <= maximumFileBytes else { throw .unusableInput(reason: "\(file): the token file is not one token") }
        let text = String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return try checked(text, source: file)
    }

    /// `token` when it is one line of printable ASCII.
    private static func checked(_ token: String, source: String) throws(AppError) -> String {
        guard !token.isEmpty, token.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .unusableInput(reason: "\(source): expected one token on one line")
        }
        return token
    }
}
