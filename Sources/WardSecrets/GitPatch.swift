import Foundation

/// The added lines of each file in each commit of `git log -p -U0` output, as content to scan.
public enum GitPatch {
    /// The arguments of the `git log` whose output ``contents(of:)`` reads; `range` as `git log`
    /// takes it (`HEAD`, `main..HEAD`, `--all`).
    public static func logArguments(range: String) -> [String] {
        ["-c", "core.quotePath=false", "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv",
         "--src-prefix=a/", "--dst-prefix=b/", "--diff-filter=AMR", "--format=format:commit %H", range, "--"]
    }

    /// One ``SecretContent`` per file per commit, holding the lines the commit added and their line
    /// numbers in the new file.
    public static func contents(of log: Data) -> [SecretContent] {
        var result: [SecretContent] = []
        var commit: String?
        var path: String?
        var added = Data()
        var numbers: [Int] = []
        var next = 0
        func flush() {
            if let path, !numbers.isEmpty {
                result.append(SecretContent(path: path, data: added, commit: commit, lineNumbers: numbers))
            }
            added = Data()
            numbers = []
        }
        log.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                guard let first = line.first else { continue }
                if first == UInt8(ascii: "+") {
                    if line.starts(with: Array("+++ ".utf8)) {
                        flush()
                        let name = String(decoding: line.dropFirst(4), as: UTF8.self)
                        path = name == "/dev/null" ? nil : unquote(name).map { $0.hasPrefix("b/") ? String($0.dropFirst(2)) : $0 }
                        continue
                    }
                    guard path != nil else { continue }
                    if !numbers.isEmpty { added.append(UInt8(ascii: "\n")) }
                    added.append(contentsOf: line.dropFirst())
                    numbers.append(next)
                    next += 1
                } else if first == UInt8(ascii: "@") {
                    // @@ -a,b +c,d @@
                    let text = String(decoding: line, as: UTF8.self)
                    if let plus = text.split(separator: " ").first(where: { $0.hasPrefix("+") }) {
                        next = Int(plus.dropFirst().split(separator: ",").first ?? "") ?? 1
                    }
                } else if first == UInt8(ascii: "c"), line.starts(with: Array("commit ".utf8)) {
                    flush()
                    path = nil
                    commit = String(decoding: line.dropFirst(7), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                } else if first == UInt8(ascii: "d"), line.starts(with: Array("diff --git ".utf8)) {
                    flush()
                    path = nil
                }
            }
        }
        flush()
        return result
    }

    /// A path as git prints it, unquoted when git quoted it (`"b/na\tme"`).
    static func unquote(_ name: String) -> String? {
        guard name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 else { return name }
        var bytes: [UInt8] = []
        var iterator = Array(name.utf8).dropFirst().dropLast().makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\") else { bytes.append(byte); continue }
            guard let escaped = iterator.next() else { break }
            switch escaped {
            case UInt8(ascii: "n"): bytes.append(10)
            case UInt8(ascii: "t"): bytes.append(9)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escaped - UInt8(ascii: "0"))
                for _ in 0..<2 { if let digit = iterator.next() { value = value * 8 + Int(digit - UInt8(ascii: "0")) } }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default: bytes.append(escaped)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
