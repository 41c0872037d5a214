import Foundation
import Synchronization
import WardCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A secret found in one file or blob. ``secret`` is the clear value: it goes only to the
/// normalizer, which hashes it with the database's key and redacts it everywhere.
public struct SecretFinding: Sendable, Hashable {
    /// The rule that found it.
    public var ruleID: String
    /// The rule's description.
    public var description: String
    /// The rule's severity.
    public var severity: Severity
    /// Path relative to the scan root.
    public var path: String
    /// 1-based line of the secret's first character.
    public var line: Int
    /// 1-based column (in Unicode scalars) of the secret's first character.
    public var column: Int
    /// 1-based line of the secret's last character.
    public var endLine: Int
    /// Column after the secret's last character.
    public var endColumn: Int
    /// Byte offset of the secret in the file (or blob).
    public var offset: Int
    /// The clear value.
    public var secret: String
    /// Shannon entropy of the value, in bits per byte.
    public var entropy: Double
    /// The commit that added it (history scans).
    public var commit: String?
    /// Whether the line carries an allow comment (`ward:allow`, `gitleaks:allow`,
    /// `pragma: allowlist secret`, or `pragma: allowlist nextline secret` on the line before).
    public var allowedInline: Bool
    /// The secret's first line with the value masked; for a value across lines (a private key), the
    /// line the match starts on and the masked value.
    public var snippet: String
}

/// What one scan found and passed over.
public struct SecretScanResult: Sendable {
    /// Findings sorted by path, line, column and rule.
    public var findings: [SecretFinding]
    /// Inputs not scanned and why (binary, too large, unreadable), never naming a value.
    public var skipped: [String]
    /// Files (or blobs) scanned.
    public var files: Int
    /// Bytes scanned.
    public var bytes: Int

    public init(findings: [SecretFinding] = [], skipped: [String] = [], files: Int = 0, bytes: Int = 0) {
        self.findings = findings
        self.skipped = skipped
        self.files = files
        self.bytes = bytes
    }
}

/// How files are chosen and read.
public struct SecretScanOptions: Sendable {
    /// Files larger than this are skipped.
    public var maxFileSize: Int
    /// Directory names never descended into.
    public var excludedDirectories: Set<String>
    /// Whether `.gitignore` files are honoured when walking a tree.
    public var honourGitignore: Bool
    /// Threads scanning at once.
    public var workers: Int
    /// Root-relative paths of the files git tracks: scanned even when `.gitignore` matches them.
    public var trackedFiles: Set<String> = []

    /// Directory names skipped by default.
    public static let defaultExcludedDirectories: Set<String> = [
        ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".build",
    ]

    public init(maxFileSize: Int = 10 << 20, excludedDirectories: Set<String> = SecretScanOptions.defaultExcludedDirectories,
                honourGitignore: Bool = true, workers: Int = max(ProcessInfo.processInfo.activeProcessorCount, 1)) {
        self.maxFileSize = maxFileSize
        self.excludedDirectories = excludedDirectories
        self.honourGitignore = honourGitignore
        self.workers = max(workers, 1)
    }
}

/// Content that is not a file under the root: a staged blob or the added lines of a commit.
public struct SecretContent: Sendable {
    /// Path relative to the repository root.
    public var path: String
    /// The bytes.
    public var data: Data
    /// The commit that added them, for history scans.
    public var commit: String?
    /// The line number in the file of each line of `data`, when `data` holds only some lines.
    public var lineNumbers: [Int]?

    public init(path: String, data: Data, commit: String? = nil, lineNumbers: [Int]? = nil) {
        self.path = path
        self.data = data
        self.commit = commit
        self.lineNumbers = lineNumbers
    }
}

/// Ward's built-in secret detector: every rule in one Vectorscan database, each hit confirmed by
/// the rule's PCRE2 regex on a bounded window, files read with `read(2)` into one reused buffer per
/// worker and scanned on every core.
public final class SecretDetector: Sendable {
    let compiled: CompiledRules
    /// Notes about rules Vectorscan takes only as a prefilter or not at all.
    public var notes: [String] { compiled.notes }
    /// Whether the Vectorscan database came from the cache.
    public var loadedFromCache: Bool { compiled.fromCache }
    /// Number of rules.
    public var ruleCount: Int { compiled.rules.count }

    /// Bytes read per chunk of a large file.
    static let chunkSize = 4 << 20
    /// Bytes a chunk shares with the next, so a secret across the boundary is seen whole.
    static let overlap = 64 << 10

    /// Compiles `rules`, keeping the serialized database in `cacheDirectory` when given.
    public init(rules: SecretRuleSet, cacheDirectory: String? = nil) throws(SecretRuleError) {
        compiled = try CompiledRules(rules, cacheDirectory: cacheDirectory)
    }

    /// Scans every file under `root` (see ``SecretScanOptions``).
    public func scanTree(root: String, options: SecretScanOptions = SecretScanOptions()) -> SecretScanResult {
        let walker = TreeWalker(excludedDirectories: options.excludedDirectories, honourGitignore: options.honourGitignore,
                                tracked: options.trackedFiles)
        let walk = walker.walk(under: root)
        var result = scanFiles(walk.files, root: root, options: options)
        result.skipped = (result.skipped + walk.skipped.map(\.note)).sorted()
        return result
    }

    /// Scans the files at `paths` (relative to `root`, or absolute inside it).
    public func scanFiles(_ paths: [String], root: String, options: SecretScanOptions = SecretScanOptions()) -> SecretScanResult {
        let relative = paths.map { path -> String in
            var path = path
            if path.hasPrefix(root + "/") { path = String(path.dropFirst(root.count + 1)) }
            while path.hasPrefix("./") { path = String(path.dropFirst(2)) }
            return path
        }
        return run(count: relative.count, options: options) { scanner, index in
            scanner.scanFile(root: root, path: relative[index], options: options)
        }
    }

    /// Scans content that is not in the working tree.
    public func scan(_ contents: [SecretContent], options: SecretScanOptions = SecretScanOptions()) -> SecretScanResult {
        run(count: contents.count, options: options) { scanner, index in
            scanner.scanContent(contents[index], options: options)
        }
    }

    private final class Shared: Sendable {
        let next = Atomic<Int>(0)
        let results = Mutex<SecretScanResult>(SecretScanResult())
    }

    private func run(count: Int, options: SecretScanOptions,
                     _ body: @Sendable (FileScanner, Int) -> SecretScanResult) -> SecretScanResult {
        let shared = Shared()
        let workers = max(1, min(options.workers, count))
        let compiled = self.compiled
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let scanner = FileScanner(rules: compiled)
            var local = SecretScanResult()
            while true {
                let index = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { break }
                let one = body(scanner, index)
                local.findings += one.findings
                local.skipped += one.skipped
                local.files += one.files
                local.bytes += one.bytes
            }
            shared.results.withLock { total in
                total.findings += local.findings
                total.skipped += local.skipped
                total.files += local.files
                total.bytes += local.bytes
            }
        }
        var result = shared.results.withLock { $0 }
        result.findings.sort { ($0.path, $0.commit ?? "", $0.line, $0.column, $0.ruleID) < ($1.path, $1.commit ?? "", $1.line, $1.column, $1.ruleID) }
        result.skipped.sort()
        return result
    }

    /// Whether the global allow list excludes `path`.
    func pathAllowed(_ path: String, matcher: PCRE2Matcher) -> Bool {
        compiled.globalAllowPaths.contains { $0.matches(path, using: matcher) }
    }
}

/// One worker's reader: a reused buffer and the scanning state.
final class FileScanner: @unchecked Sendable {
    let worker: ScanWorker
    private let capacity = SecretDetector.chunkSize + SecretDetector.overlap
    private let buffer: UnsafeMutablePointer<UInt8>

    init(rules: CompiledRules) {
        worker = ScanWorker(rules: rules)
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    private func globallyAllowed(_ path: String) -> Bool {
        worker.rules.globalAllowPaths.contains { $0.matches(path, using: worker.matcher) }
    }

    func scanFile(root: String, path: String, options: SecretScanOptions) -> SecretScanResult {
        var result = SecretScanResult()
        if globallyAllowed(path) { return result }
        // Never through a link, and never blocking on a FIFO named on the command line.
        let descriptor = open(root + "/" + path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            result.skipped.append("\(path): cannot be read")
            return result
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            result.skipped.append("\(path): not a regular file")
            return result
        }
        guard Int(info.st_size) <= options.maxFileSize else {
            result.skipped.append("\(path): larger than \(options.maxFileSize) bytes")
            return result
        }
        worker.beginFile()
        var filled = 0
        var lineBase = 1
        var first = true
        var endOfFile = false
        var total = 0
        while true {
            while filled < capacity && !endOfFile {
                let count = read(descriptor, buffer + filled, capacity - filled)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { endOfFile = true } else { filled += count; total += count }
            }
            if first {
                first = false
                if memchr(buffer, 0, min(filled, 8192)) != nil {
                    result.skipped.append("\(path): binary")
                    return result
                }
            }
            let acceptEnd = endOfFile ? filled : filled - SecretDetector.overlap
            let matches = worker.scan(buffer, length: filled, accept: 0..<acceptEnd, path: path)
            result.findings += locate(matches, length: filled, lineBase: lineBase, offsetBase: total - filled, path: path)
            if endOfFile || total > options.maxFileSize { break }
            lineBase += Self.newlines(buffer, 0, acceptEnd)
            memmove(buffer, buffer + acceptEnd, filled - acceptEnd)
            filled -= acceptEnd
        }
        result.files = 1
        result.bytes = total
        return result
    }

    func scanContent(_ content: SecretContent, options: SecretScanOptions) -> SecretScanResult {
        var result = SecretScanResult()
        if globallyAllowed(content.path) { return result }
        guard content.data.count <= options.maxFileSize else {
            result.skipped.append("\(content.path)\(content.commit.map { " (\($0.prefix(12)))" } ?? ""): larger than \(options.maxFileSize) bytes")
            return result
        }
        let binary = content.data.withUnsafeBytes { raw in
            raw.baseAddress.map { memchr($0, 0, min(raw.count, 8192)) != nil } ?? false
        }
        if binary {
            result.skipped.append("\(content.path)\(content.commit.map { " (\($0.prefix(12)))" } ?? ""): binary")
            return result
        }
        worker.beginFile()
        content.data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            let matches = worker.scan(base, length: raw.count, accept: 0..<raw.count, path: content.path)
            result.findings = locate(matches, base: base, length: raw.count, lineBase: 1, offsetBase: 0, path: content.path,
                                     commit: content.commit, lineNumbers: content.lineNumbers)
        }
        result.files = 1
        result.bytes = content.data.count
        return result
    }

    static func newlines(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var count = 0
        var position = from
        while position < to, let found = memchr(base + position, Int32(UInt8(ascii: "\n")), to - position) {
            count += 1
            position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    private func locate(_ matches: [BufferMatch], length: Int, lineBase: Int, offsetBase: Int, path: String) -> [SecretFinding] {
        locate(matches, base: UnsafePointer(buffer), length: length, lineBase: lineBase, offsetBase: offsetBase, path: path, commit: nil, lineNumbers: nil)
    }

    /// Lines, columns, allow comments and masked snippets of the matches of one buffer.
    private func locate(_ matches: [BufferMatch], base: UnsafePointer<UInt8>, length: Int, lineBase: Int, offsetBase: Int, path: String,
                        commit: String?, lineNumbers: [Int]?) -> [SecretFinding] {
        guard !matches.isEmpty else { return [] }
        var seen: Set<[Int]> = []
        var findings: [SecretFinding] = []
        let sorted = matches.sorted { ($0.secret.lowerBound, $0.rule) < ($1.secret.lowerBound, $1.rule) }
        var countedTo = 0
        var linesBefore = 0
        func position(_ offset: Int) -> (line: Int, column: Int, lineStart: Int) {
            if offset < countedTo {
                countedTo = 0
                linesBefore = 0
            }
            linesBefore += Self.newlines(base, countedTo, offset)
            countedTo = offset
            var start = offset
            while start > 0 && base[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            var column = 1
            for index in start..<offset where base[index] & 0xC0 != 0x80 { column += 1 }
            return (lineBase + linesBefore, column, start)
        }
        for match in sorted {
            guard seen.insert([match.rule, match.secret.lowerBound, match.secret.upperBound]).inserted else { continue }
            let rule = worker.rules.rules[match.rule]
            let begin = position(match.secret.lowerBound)
            let finish = position(match.secret.upperBound)
            let matchBegin = position(match.match.lowerBound)
            countedTo = 0
            linesBefore = 0
            let lineEnd = Self.lineEnd(base, length: length, from: match.secret.lowerBound)
            let endLineEnd = Self.lineEnd(base, length: length, from: max(match.match.upperBound - 1, match.match.lowerBound))
            let secret = String(decoding: UnsafeBufferPointer(start: base + match.secret.lowerBound, count: match.secret.count), as: UTF8.self)
            var allowed = Self.hasAllowComment(base, matchBegin.lineStart..<lineEnd)
                || Self.hasAllowComment(base, begin.lineStart..<lineEnd)
                || Self.hasAllowComment(base, finish.lineStart..<endLineEnd)
            if !allowed, matchBegin.lineStart > 0 {
                var previous = matchBegin.lineStart - 1
                while previous > 0 && base[previous - 1] != UInt8(ascii: "\n") { previous -= 1 }
                allowed = Self.contains(base, previous..<(matchBegin.lineStart - 1), "pragma: allowlist nextline secret")
            }
            let lineText = String(decoding: UnsafeBufferPointer(start: base + begin.lineStart, count: min(lineEnd - begin.lineStart, 4096)), as: UTF8.self)
            var line = begin.line, endLine = finish.line
            if let lineNumbers {
                line = lineNumbers.indices.contains(begin.line - 1) ? lineNumbers[begin.line - 1] : begin.line
                endLine = lineNumbers.indices.contains(finish.line - 1) ? lineNumbers[finish.line - 1] : finish.line
            }
            var snippet = LiteralText.replacingAll(secret, with: SecretRedaction.mask(secret), in: SecretRedaction.redact(lineText, secrets: [secret]))
            if secret.contains(where: \.isNewline) {
                // A value across lines (a private key's body): the line the match starts on (the armour)
                // and the masked value, never the body's lines.
                let firstEnd = Self.lineEnd(base, length: length, from: matchBegin.lineStart)
                let first = String(decoding: UnsafeBufferPointer(start: base + matchBegin.lineStart,
                                                                 count: min(firstEnd - matchBegin.lineStart, 4096)), as: UTF8.self)
                snippet = SecretRedaction.redact(first, secrets: [secret]) + "\n" + SecretRedaction.mask(secret)
            }
            findings.append(SecretFinding(
                ruleID: rule.id, description: rule.description, severity: rule.severity, path: path,
                line: line, column: begin.column, endLine: endLine, endColumn: finish.column, offset: offsetBase + match.secret.lowerBound,
                secret: secret, entropy: match.entropy, commit: commit, allowedInline: allowed, snippet: snippet
            ))
        }
        return findings
    }

    static func lineEnd(_ base: UnsafePointer<UInt8>, length: Int, from offset: Int) -> Int {
        guard offset < length, let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), length - offset) else { return length }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    static let allowMarkers = ["ward:allow", "gitleaks:allow", "pragma: allowlist secret"]

    static func hasAllowComment(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> Bool {
        allowMarkers.contains { contains(base, range, $0) }
    }

    static func contains(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, _ needle: String) -> Bool {
        let bytes = Array(needle.utf8)
        guard let first = bytes.first, range.count >= bytes.count else { return false }
        var position = range.lowerBound
        let last = range.upperBound - bytes.count
        while position <= last, let found = memchr(base + position, Int32(first), last - position + 1) {
            let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, bytes, bytes.count) == 0 { return true }
            position = offset + 1
        }
        return false
    }
}
