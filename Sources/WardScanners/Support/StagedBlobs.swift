import Foundation
import WardSecrets

/// The staged content of the files a commit would record, read from git's index in three git
/// processes however many files there are: the added, copied, modified and renamed paths with
/// their blob ids (`git diff --cached --raw`), the size of each blob (`git cat-file --batch-check`),
/// then the blobs within the size cap (`git cat-file --batch`). A submodule (a commit, not a blob)
/// holds no content and is left out.
struct StagedBlobs {
    /// One staged file: its path and the id of its blob.
    struct Entry: Equatable {
        var path: String
        var object: String
    }

    /// The git executable.
    let git: String
    /// Runs git.
    let runner: any CommandRunner
    /// The work tree.
    let root: String
    /// The largest blob read; larger ones are named, not read.
    let maxFileSize: Int

    /// The staged files' contents, and the paths of those larger than the cap, sorted.
    func read() async throws(ScannerError) -> (contents: [SecretContent], tooLarge: [String]) {
        let listing = try await run(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--diff-filter=ACMR", "--no-renames"])
        let entries = Self.entries(listing)
        guard !entries.isEmpty else { return ([], []) }
        let ids = Data(entries.map { $0.object + "\n" }.joined().utf8)
        let sizes = try Self.sizes(try await run(["cat-file", "--batch-check"], input: ids), of: entries)
        let small = entries.indices.filter { sizes[$0] <= maxFileSize }
        let tooLarge = entries.indices.filter { sizes[$0] > maxFileSize }.map { entries[$0].path }.sorted()
        guard !small.isEmpty else { return ([], tooLarge) }
        let wanted = Data(small.map { entries[$0].object + "\n" }.joined().utf8)
        let limit = small.reduce(0) { $0 + sizes[$1] + 200 }
        let blobs = try Self.blobs(try await run(["cat-file", "--batch"], input: wanted, limit: limit), count: small.count)
        return (zip(small, blobs).map { SecretContent(path: entries[$0].path, data: $1) }, tooLarge)
    }

    /// The entries of `git diff --raw -z --no-abbrev` output whose new side is a file or a link.
    static func entries(_ listing: Data) -> [Entry] {
        let fields = listing.split(separator: 0, omittingEmptySubsequences: false)
        var entries: [Entry] = []
        var index = 0
        while index + 1 < fields.count {
            let header = fields[index].split(separator: UInt8(ascii: " "))
            // A copy or a rename names its source first, then the path it stages.
            let paths = header.last.map { $0.first == UInt8(ascii: "C") || $0.first == UInt8(ascii: "R") } == true ? 2 : 1
            guard index + paths < fields.count else { break }
            let path = String(decoding: fields[index + paths], as: UTF8.self)
            index += 1 + paths
            // `:old-mode new-mode old-id new-id status`; 100644, 100755 and 120000 are blobs, 160000 a submodule.
            guard header.count == 5, let mode = header.dropFirst().first, mode.starts(with: Array("100".utf8)) || mode.elementsEqual("120000".utf8) else {
                continue
            }
            entries.append(Entry(path: path, object: String(decoding: header[3], as: UTF8.self)))
        }
        return entries
    }

    /// The size of each entry's blob from `git cat-file --batch-check` output (`id type size` per
    /// line, in the order asked); any other answer is an error.
    static func sizes(_ output: Data, of entries: [Entry]) throws(ScannerError) -> [Int] {
        let lines = output.split(separator: UInt8(ascii: "\n"))
        guard lines.count == entries.count else { throw unreadable("git cat-file answered \(lines.count) of \(entries.count) objects") }
        var sizes: [Int] = []
        for (line, entry) in zip(lines, entries) {
            let fields = line.split(separator: UInt8(ascii: " "))
            guard fields.count == 3, fields[1].elementsEqual("blob".utf8), let size = Int(String(decoding: fields[2], as: UTF8.self)) else {
                throw unreadable("\(entry.path): the staged object is not a readable blob")
            }
            sizes.append(size)
        }
        return sizes
    }

    /// `count` blobs from `git cat-file --batch` output: each an `id type size` line, that many
    /// bytes, and a line break.
    static func blobs(_ output: Data, count: Int) throws(ScannerError) -> [Data] {
        var blobs: [Data] = []
        var position = output.startIndex
        while blobs.count < count {
            guard let end = output[position...].firstIndex(of: UInt8(ascii: "\n")) else { throw unreadable("git cat-file stopped early") }
            let fields = output[position..<end].split(separator: UInt8(ascii: " "))
            guard fields.count == 3, let size = Int(String(decoding: fields[2], as: UTF8.self)), size >= 0,
                  output.distance(from: end, to: output.endIndex) > size else {
                throw unreadable("git cat-file answered an unreadable object")
            }
            let start = output.index(after: end)
            blobs.append(Data(output[start..<output.index(start, offsetBy: size)]))
            position = output.index(start, offsetBy: size + 1)
        }
        return blobs
    }

    private func run(_ arguments: [String], input: Data? = nil, limit: Int = 256 << 20) async throws(ScannerError) -> Data {
        try await GitCommand.output(arguments, git: git, root: root, runner: runner, input: input, limit: limit)
    }

    private static func unreadable(_ reason: String) -> ScannerError {
        .launchFailed(tool: "git", reason: reason)
    }
}
