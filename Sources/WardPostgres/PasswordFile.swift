import Foundation

/// A libpq password file (`~/.pgpass`, or `PGPASSFILE`): lines of
/// `hostname:port:database:username:password`, `*` matching anything in the first four fields,
/// `\:` and `\\` escaping, `#` starting a comment; the first matching line wins.
///
/// Like libpq, a file that group or others may read or write is not used; unlike libpq, which only
/// warns and goes on without a password, Ward refuses it, so a leaked password is not silently in use.
struct PasswordFile: Sendable {
    /// The file's path.
    let path: String

    /// The password of the first line matching the connection, nil when none does or the file does
    /// not exist.
    func password(host: String, port: Int, database: String, user: String) throws(PostgresError) -> String? {
        guard let text = try contents() else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(line)
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
                field == "*" || field == value || (field == "localhost" && value.hasPrefix("/"))
            }
            if matches { return fields[4] }
        }
        return nil
    }

    /// The file's text, nil when it does not exist; refuses a file that is not a regular file or
    /// that group or others may access.
    private func contents() throws(PostgresError) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return nil }
            throw .unusablePasswordFile(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG) else {
            throw .unusablePasswordFile(path: path, reason: "not a regular file")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw .unusablePasswordFile(path: path, reason: "group or others can access it; chmod 0600 it")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20,
              let text = String(data: data, encoding: .utf8) else {
            throw .unusablePasswordFile(path: path, reason: "cannot be read as UTF-8 text of at most 1 MiB")
        }
        return text
    }

    /// The colon-separated fields of `line`, with `\:` and `\\` unescaped.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
