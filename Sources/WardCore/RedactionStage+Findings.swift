import Foundation

extension RedactionStage {
    /// Findings handled at once: their parsed raw results and searched texts live only while their
    /// chunk is handled, so redacting a scan holds a bounded amount of them whatever its size.
    public static let chunkSize = 2048

    /// The findings redacted, and every value masked in them, longest first.
    ///
    /// Two passes over chunks of ``chunkSize``: the first (``gatherAll(_:)``, on every core) searches every
    /// finding's texts and gathers the values found, by path (what one tool found in a file is
    /// masked in every finding of that file, so every value must be known before any finding is
    /// masked); the second (``Masking``) masks, parsing a raw result again only when it has
    /// something to mask or cut. Only the values found, and which raw results lose context lines,
    /// are kept between them.
    func redactFindings(_ input: [Finding]) -> ([Finding], [String]) {
        let gathered = gatherAll(input)
        // Nothing to mask and no context to cut anywhere (a stored scan read back, say): every
        // finding stays as it came, and the scan keeps sharing their storage.
        if gathered.byPath.values.allSatisfy(\.isEmpty) && gathered.trimmed.isEmpty { return (input, []) }
        let masking = Masking(gathered)
        var redacted: [Finding] = []
        redacted.reserveCapacity(input.count)
        for index in input.indices { redacted.append(masking.redact(input[index], at: index)) }
        return (redacted, masking.all)
    }

    /// The first pass over all `findings`: chunks of ``chunkSize`` gathered on every core, then
    /// put together (what each chunk found, by path and by position, is kept whole).
    public func gatherAll(_ findings: [Finding]) -> Gathered {
        let parts = ParallelChunks.map(count: findings.count, chunkSize: Self.chunkSize) { chunk in
            var part = Gathered(knownSecrets: [:], byPath: [:])
            part.count = chunk.lowerBound
            gather(findings[chunk], into: &part)
            return part
        }
        var gathered = gathering()
        for part in parts {
            gathered.byPath.merge(part.byPath) { $0.union($1) }
            gathered.own.merge(part.own) { first, _ in first }
            gathered.trimmed.formUnion(part.trimmed)
        }
        gathered.count = findings.count
        return gathered
    }

    /// An empty first pass, holding the values the tools found.
    func gathering() -> Gathered {
        Gathered(knownSecrets: knownSecrets, byPath: knownSecrets.mapValues { Set($0) })
    }

    /// Searches the texts of `findings` (at most ``chunkSize``, the next ones of the scan: their
    /// positions follow those gathered before) and adds what it finds to `gathered`.
    func gather(_ findings: some Collection<Finding>, into gathered: inout Gathered) {
        var position = gathered.count
        var texts: [Data] = []
        texts.reserveCapacity(findings.count)
        for finding in findings {
            var text = Self.searchedText(of: finding)
            if let raw = finding.raw, RawContext.addSearchedStrings(of: raw, lines: Self.flaggedLines(of: finding), to: &text) {
                gathered.trimmed.insert(position)
            }
            texts.append(text.data)
            position += 1
        }
        let matched = matcher?.secrets(inUTF8: texts) ?? []
        for (offset, finding) in findings.enumerated() {
            var values = matched.indices.contains(offset) ? matched[offset] : []
            if CredentialQuotes.concerns(finding) { values += CredentialQuotes.values(in: String(decoding: texts[offset], as: UTF8.self)) }
            values = values.filter(Self.maskable)
            guard !values.isEmpty else { continue }
            gathered.own[gathered.count + offset] = values
            gathered.byPath[finding.location?.path ?? "", default: []].formUnion(values)
        }
        gathered.count = position
    }

    /// A finding's raw result parsed and cut to its flagged lines; nil when it has none.
    static func raw(of finding: Finding) -> Raw? {
        finding.raw.map { raw in
            let (value, isJSON) = RawContext.parse(raw)
            let trimmed = RawContext.trimmed(value, lines: flaggedLines(of: finding))
            return Raw(text: raw, original: value, value: trimmed ?? value, isJSON: isJSON, trimmed: trimmed != nil)
        }
    }

    /// The positions of `count` findings in chunks of ``chunkSize``.
    static func chunks(of count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: chunkSize).map { $0..<min($0 + chunkSize, count) }
    }
}
