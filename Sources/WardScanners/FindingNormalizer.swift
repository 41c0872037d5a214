import Foundation
import WardCore

/// Makes a tool's raw findings comparable across scans: root-relative paths, identity keys,
/// secrets redacted.
///
/// The identity of a code finding hashes the flagged source lines, read from the file under the
/// scan root when it is there (so scanning and importing agree), else the tool's own snippet.
/// Dependency, container and secret findings get the identities the architecture defines for them.
public struct FindingNormalizer: Sendable {
    /// Resolves reported paths.
    public let paths: PathResolver
    /// Key of the keyed hash that identifies secrets (per database).
    public let secretKey: [UInt8]
    /// Largest source file read for identity text.
    public var sourceReadLimit = 8 << 20

    /// Creates a normalizer for one root.
    public init(paths: PathResolver, secretKey: [UInt8] = []) {
        self.paths = paths
        self.secretKey = secretKey
    }

    /// The clear secret values of a report by root-relative path, so that other tools' findings in
    /// the same file (a linter quoting the line) can lose them too. Kept in memory only.
    public func secretValuesByPath(_ report: DecodedReport) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (reported, values) in Self.secretsByPath(report.findings) {
            guard let relative = paths.relativize(reported) else { continue }
            result[relative, default: []] += values
        }
        return result
    }

    /// Normalizes a decoded report, hashing and redacting the secrets it carries. Handed the report
    /// (`consume`), its decoded findings are let go once normalized, before they are numbered.
    public func normalize(_ report: consuming DecodedReport, family: String, source: String) throws(ScannerError) -> [Finding] {
        var hashes: [Int: String] = [:]
        var secrets: [Int: String] = [:]
        report.findings.forEachInPlace { index, decoded in
            if let secret = decoded.pointee.secret {
                secrets[index] = secret
                hashes[index] = SecretRedaction.fingerprint(secret, key: secretKey)
            } else if let digest = decoded.pointee.secretDigest {
                hashes[index] = SecretRedaction.fingerprint("digest:" + digest.lowercased(), key: secretKey)
            }
        }
        let masks = Self.secretsByPath(report.findings)
        let findings = report.findings
        // The call below holds the decoded findings' only copy, and lets it go.
        report.findings = []
        return try normalize(consume findings, family: family, source: source, secretHashes: hashes, secrets: secrets,
                             masks: masks, readSources: !report.contentOutsideTree)
    }

    /// Normalizes every finding of one report, given the keyed hashes and clear values of its
    /// secrets by index and the values to mask in each file.
    ///
    /// Findings are independent until identities are numbered: they are normalized in chunks on
    /// every core (each chunk copying its findings out of the report once, masking the secrets the
    /// report gave and reading the source files it needs once), then numbered in order.
    ///
    /// - Parameter source: the report file or tool, named in errors.
    /// - Throws: ``ScannerError/pathOutsideRoot(path:reportedPath:)`` when a path leaves the root.
    private func normalize(_ decoded: consuming [DecodedFinding], family: String, source: String, secretHashes: [Int: String],
                           secrets: [Int: String], masks neighbours: [String: [String]], readSources: Bool) throws(ScannerError) -> [Finding] {
        var chunks = try normalizedChunks(decoded, source: source, secrets: secrets, masks: neighbours, readSources: readSources)
        // Every finding is in a chunk now (each chunk copied its findings out): the decoded ones go
        // before the chunks are joined, rather than with the numbered result.
        _ = consume decoded
        var secretHashes = secretHashes
        var findings: [[Finding]] = [], texts: [[String]] = []
        findings.reserveCapacity(chunks.count)
        texts.reserveCapacity(chunks.count)
        for index in chunks.indices {
            var chunk = NormalizedChunk()
            swap(&chunk, &chunks[index])
            secretHashes.merge(chunk.recoveredSecretHashes) { _, recovered in recovered }
            findings.append(chunk.findings)
            texts.append(chunk.collapsedTexts)
        }
        // Moved, not copied, into one array each: the findings are held once, and never retained again.
        var result = ParallelChunks.concatenating(&findings)
        assignIdentities(&result, collapsedTexts: ParallelChunks.concatenating(&texts), family: family, secretHashes: secretHashes)
        return result
    }

    /// The findings of `input` normalized in chunks on every core, in order; identities not yet numbered.
    private func normalizedChunks(_ input: [DecodedFinding], source: String, secrets: [Int: String],
                                  masks neighbours: [String: [String]], readSources: Bool) throws(ScannerError) -> [NormalizedChunk] {
        let directories = RealDirectories()
        return try ParallelChunks.map(count: input.count) { (chunk: Range<Int>) throws(ScannerError) -> NormalizedChunk in
            var located = LocationContext(cache: SourceCache(limit: sourceReadLimit, directories: directories), secrets: secrets, neighbours: neighbours,
                                          readSources: readSources, source: source)
            var normalized = NormalizedChunk()
            normalized.findings.reserveCapacity(chunk.count)
            normalized.collapsedTexts.reserveCapacity(chunk.count)
            for index in chunk {
                var finding = input[index].finding
                // Every finding with a message has a title: reports name findings by it, and a history
                // stores a title that is its message once (`StoredTitle`), an empty one then reading back as the message.
                if finding.title.isEmpty, !finding.message.isEmpty { finding.title = ReportText.firstSentence(finding.message) }
                if input[index].secret != nil || !input[index].maskedValues.isEmpty {
                    let own = [input[index].secret].compactMap { $0 } + input[index].maskedValues
                    finding = SecretRedaction.redact(finding, secrets: Self.masks(neighbours[finding.location?.path ?? ""], own: own))
                }
                let (text, hash) = try locate(&finding, at: index, in: &located)
                if let hash { normalized.recoveredSecretHashes[index] = hash }
                normalized.findings.append(finding)
                normalized.collapsedTexts.append(Identity.collapseWhitespace(text))
            }
            return normalized
        }
    }

    /// One chunk of findings normalized on their own: each one's text for the identity, collapsed,
    /// and the keyed hash of each secret whose masked value was recovered from the source, by index.
    private struct NormalizedChunk: Sendable {
        var findings: [Finding] = []
        var collapsedTexts: [String] = []
        var recoveredSecretHashes: [Int: String] = [:]
    }

    /// The secrets (and masked values) reported in each file as the report names it, longest first:
    /// one line can hold several, and each finding's text and source lines must lose all of them.
    static func secretsByPath(_ findings: [DecodedFinding]) -> [String: [String]] {
        var byPath: [String: Set<String>] = [:]
        findings.forEachInPlace { _, decoded in
            guard decoded.pointee.secret != nil || !decoded.pointee.maskedValues.isEmpty else { return }
            let values = ([decoded.pointee.secret].compactMap { $0 } + decoded.pointee.maskedValues).filter { !$0.isEmpty }
            byPath[decoded.pointee.finding.location?.path ?? "", default: []].formUnion(values)
        }
        return byPath.mapValues { values in values.sorted { ($0.count, $0) > ($1.count, $1) } }
    }

    /// Most secrets of one file masked in each of its findings; a file with more (a corpus of test
    /// keys) gets each finding's own values only, as masking all of them in all would be quadratic.
    static let sameFileMaskLimit = 256

    /// The values to mask in one finding: those of its whole file, or its own beyond the limit.
    static func masks(_ sameFile: [String]?, own: [String]) -> [String] {
        guard let sameFile, sameFile.count <= sameFileMaskLimit else { return own.sorted { $0.count > $1.count } }
        return sameFile
    }

    /// The identity of the finding `pointer` names when it is a dependency, container or secret
    /// finding with what that takes; nil for code findings. Read where the finding lies: copying
    /// it out would retain each of its texts, for every finding of a large report.
    static func nonCodeIdentity(_ pointer: UnsafePointer<Finding>, secretHash: String?) -> String? {
        switch pointer.pointee.kind {
        case .secret:
            guard let secretHash else { return nil }
            return Identity.secret(ruleID: pointer.pointee.ruleID, path: pointer.pointee.location?.path ?? "", secretHash: secretHash)
        case .dependency:
            guard let package = pointer.pointee.package, let advisory = pointer.pointee.advisory else { return nil }
            return Identity.dependency(ecosystem: package.ecosystem, packageName: package.normalizedName,
                                       advisoryID: advisory.canonicalID, manifestPath: pointer.pointee.location?.path ?? "")
        case .container:
            guard let package = pointer.pointee.package, let advisory = pointer.pointee.advisory else { return nil }
            let image = pointer.pointee.metadata["image"].map(ImageReference.repository) ?? pointer.pointee.location?.path ?? ""
            return Identity.container(imageRepository: image, packageName: package.normalizedName, advisoryID: advisory.canonicalID)
        case .license:
            guard let package = pointer.pointee.package else { return nil }
            return Identity.dependency(ecosystem: package.ecosystem, packageName: package.normalizedName,
                                       advisoryID: "license:" + pointer.pointee.ruleID, manifestPath: pointer.pointee.location?.path ?? "")
        case .sast, .iac:
            return nil
        }
    }

    /// Numbers the code findings of one rule on the same text in the same file by position (0 for
    /// the first), then hashes every identity, in chunks on every core.
    private func assignIdentities(_ findings: inout [Finding], collapsedTexts texts: [String], family: String, secretHashes: [Int: String]) {
        // Computed from a borrowed array: once done, `findings` is the array's only holder and is changed in place.
        let identities = Self.identities(of: findings, collapsedTexts: texts, family: family, secretHashes: secretHashes)
        for (index, identity) in identities.enumerated() { findings[index].identity = identity }
    }

    private static func identities(of all: [Finding], collapsedTexts texts: [String], family: String, secretHashes: [Int: String]) -> [String] {
        // Findings are read where they lie (see `forEachInPlace`), not copied out of the array.
        let nonCode = ParallelChunks.joined(count: all.count) { chunk in
            all.withUnsafeBufferPointer { findings in chunk.map { nonCodeIdentity(findings.baseAddress.unsafelyUnwrapped + $0, secretHash: secretHashes[$0]) } }
        }
        let occurrences = OccurrenceNumbering.occurrences(of: all, collapsedTexts: texts, isCode: nonCode.map { $0 == nil })
        return ParallelChunks.joined(count: all.count) { chunk in
            all.withUnsafeBufferPointer { findings in
                chunk.map { index in
                    nonCode[index] ?? Identity.code(family: family, ruleID: findings[index].ruleID, path: findings[index].location?.path ?? "",
                                                     flaggedText: texts[index], occurrence: occurrences[index])
                }
            }
        }
    }
}
