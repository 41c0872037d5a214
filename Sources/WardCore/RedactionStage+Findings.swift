import Foundation

extension RedactionStage {
    /// Findings handled at once: their parsed raw results and searched texts live only while their
    /// chunk is handled, so redacting a scan holds a bounded amount of them whatever its size.
    static let chunkSize = 2048

    /// The findings redacted, and every value masked in them, longest first.
    ///
    /// Two passes over chunks of ``chunkSize``: the first searches every finding's texts and
    /// gathers the values found, by path (what one tool found in a file is masked in every
    /// finding of that file, so every value must be known before any finding is masked); the
    /// second masks, parsing a raw result again only when it has something to mask or cut. Only
    /// the values found, and which raw results lose context lines, are kept between them.
    func redactFindings(_ input: [Finding]) -> ([Finding], [String]) {
        var own: [Int: [String]] = [:]
        var trimmed = Set<Int>()
        var byPath: [String: Set<String>] = knownSecrets.mapValues { Set($0) }
        for chunk in Self.chunks(of: input.count) {
            let found = ownValues(input, in: chunk, trimmed: &trimmed)
            for (index, values) in found {
                own[index] = values
                byPath[input[index].location?.path ?? "", default: []].formUnion(values)
            }
        }
        let sorted = byPath.mapValues(Self.longestFirst)
        var redacted: [Finding] = []
        redacted.reserveCapacity(input.count)
        for chunk in Self.chunks(of: input.count) {
            for index in chunk {
                let path = input[index].location?.path ?? ""
                let sameFile = sorted[path] ?? []
                let values = sameFile.count <= Self.sameFileLimit ? sameFile
                    : Self.longestFirst(Set(own[index] ?? []).union(knownSecrets[path] ?? []))
                guard !values.isEmpty || trimmed.contains(index) else {
                    redacted.append(input[index])
                    continue
                }
                redacted.append(Self.redact(input[index], raw: Self.raw(of: input[index]), values: values))
            }
        }
        let all = byPath.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        return (redacted, Self.longestFirst(all))
    }

    /// The maskable values the matcher and the credential quotes find in each finding of `chunk`
    /// (only findings with some); adds to `trimmed` the findings whose raw result loses context lines.
    private func ownValues(_ input: [Finding], in chunk: Range<Int>, trimmed: inout Set<Int>) -> [Int: [String]] {
        let texts = chunk.map { index in
            let raw = Self.raw(of: input[index])
            if raw?.trimmed == true { trimmed.insert(index) }
            return Self.texts(of: input[index], raw: raw).joined(separator: "\n")
        }
        let matched = matcher?.secrets(in: texts) ?? []
        var result: [Int: [String]] = [:]
        for (offset, index) in chunk.enumerated() {
            var values = matched.indices.contains(offset) ? matched[offset] : []
            if CredentialQuotes.concerns(input[index]) { values += CredentialQuotes.values(in: texts[offset]) }
            values = values.filter(Self.maskable)
            if !values.isEmpty { result[index] = values }
        }
        return result
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
