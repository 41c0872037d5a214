import CVectorscan
import Foundation

/// A secret a rule confirmed in one buffer, before positions become lines.
struct BufferMatch {
    /// Index of the rule.
    var rule: Int
    /// The whole match, in buffer offsets.
    var match: Range<Int>
    /// The secret, in buffer offsets.
    var secret: Range<Int>
    /// Shannon entropy of the secret.
    var entropy: Double
}

/// One thread's scanning state: its Vectorscan scratch, PCRE2 match data and hit tables.
/// Never shared between threads.
final class ScanWorker {
    let rules: CompiledRules
    let matcher = PCRE2Matcher()
    private let scratch: OpaquePointer?
    private let ruleCount: Int
    /// Hits of one rule whose end offsets lie within this many bytes of each other form one region.
    private static let mergeGap = 64
    private var regionFirst: UnsafeMutablePointer<Int>
    private var regionLast: UnsafeMutablePointer<Int>
    private var keywordSeen: UnsafeMutablePointer<Bool>
    private var regions: [(rule: Int, first: Int, last: Int)] = []
    /// Per-file verdicts of the rules' path conditions: 0 unknown, 1 applies, 2 does not.
    private var pathVerdicts: [UInt8]

    init(rules: CompiledRules) {
        self.rules = rules
        scratch = rules.cloneScratch()
        ruleCount = rules.rules.count
        regionFirst = .allocate(capacity: max(ruleCount, 1))
        regionLast = .allocate(capacity: max(ruleCount, 1))
        keywordSeen = .allocate(capacity: max(rules.plan.keywords.count, 1))
        pathVerdicts = [UInt8](repeating: 0, count: ruleCount)
    }

    deinit {
        regionFirst.deallocate()
        regionLast.deallocate()
        keywordSeen.deallocate()
        if let scratch { hs_free_scratch(scratch) }
    }

    private static let onMatch: match_event_handler = { id, _, to, _, context in
        let worker = Unmanaged<ScanWorker>.fromOpaque(context!).takeUnretainedValue()
        worker.record(Int(id), end: Int(to))
        return 0
    }

    private func record(_ id: Int, end: Int) {
        guard id < ruleCount else {
            keywordSeen[id - ruleCount] = true
            return
        }
        let last = regionLast[id]
        if last >= 0, end - last <= Self.mergeGap {
            regionLast[id] = end
        } else {
            if last >= 0 { regions.append((id, regionFirst[id], last)) }
            regionFirst[id] = end
            regionLast[id] = end
        }
    }

    /// Starts a new file: path conditions are evaluated again.
    func beginFile() {
        for index in pathVerdicts.indices { pathVerdicts[index] = 0 }
    }

    /// Whether rule `index` applies to `path` (its `paths` and per-rule allowed paths).
    private func applies(_ index: Int, path: String) -> Bool {
        if pathVerdicts[index] == 0 {
            var verdict = true
            let paths = rules.rulePaths[index]
            if !paths.isEmpty, !paths.contains(where: { $0.matches(path, using: matcher) }) { verdict = false }
            if verdict, rules.ruleAllowPaths[index].contains(where: { $0.matches(path, using: matcher) }) { verdict = false }
            pathVerdicts[index] = verdict ? 1 : 2
        }
        return pathVerdicts[index] == 1
    }

    private func keywordsPresent(_ index: Int) -> Bool {
        let wanted = rules.plan.ruleKeywords[index]
        return wanted.isEmpty || wanted.contains { keywordSeen[$0] }
    }

    /// Every confirmed secret in `buffer[0..<length]` whose match starts in `accept`, for the file at
    /// `path` (root-relative, for the rules' path conditions).
    func scan(_ buffer: UnsafePointer<UInt8>, length: Int, accept: Range<Int>, path: String) -> [BufferMatch] {
        for index in 0..<ruleCount {
            regionFirst[index] = -1
            regionLast[index] = -1
        }
        for index in rules.plan.keywords.indices { keywordSeen[index] = false }
        regions.removeAll(keepingCapacity: true)
        if let database = rules.database, let scratch, length > 0 {
            let context = Unmanaged.passUnretained(self).toOpaque()
            buffer.withMemoryRebound(to: CChar.self, capacity: length) { pointer in
                _ = hs_scan(database, pointer, UInt32(length), 0, scratch, Self.onMatch, context)
            }
        }
        for index in 0..<ruleCount where regionLast[index] >= 0 {
            regions.append((index, regionFirst[index], regionLast[index]))
        }
        var found: [BufferMatch] = []
        if !regions.isEmpty {
            regions.sort { ($0.rule, $0.first) < ($1.rule, $1.first) }
            var rule = -1
            var resumeAt = 0
            var usable = false
            var pattern: PCRE2Pattern?
            for region in regions {
                if region.rule != rule {
                    rule = region.rule
                    resumeAt = 0
                    usable = keywordsPresent(rule) && applies(rule, path: path)
                    pattern = usable ? rules.pattern(rule) : nil
                }
                guard usable, let pattern else { continue }
                let window = rules.plan.windows[rule]
                let start = max(Self.lineStart(buffer, before: max(0, region.first - window)), resumeAt)
                // Matches end where Vectorscan said; a little more lets PCRE2 see the context after.
                let end = min(length, region.last + 256)
                var position = start
                while position <= end, let groups = pattern.match(buffer, length: end, from: position, using: matcher), let whole = groups[0] {
                    guard whole.lowerBound <= region.last else { break }
                    position = whole.upperBound > whole.lowerBound ? whole.upperBound : whole.upperBound + 1
                    resumeAt = position
                    if accept.contains(whole.lowerBound), let match = confirm(rule, groups: groups, buffer: buffer) {
                        found.append(match)
                    }
                }
            }
        }
        for rule in rules.pcreOnlyRules where keywordsPresent(rule) && applies(rule, path: path) {
            guard let pattern = rules.pattern(rule) else { continue }
            var position = accept.lowerBound
            while position <= length, let groups = pattern.match(buffer, length: length, from: position, using: matcher),
                  let whole = groups[0], whole.lowerBound < accept.upperBound {
                position = whole.upperBound > whole.lowerBound ? whole.upperBound : whole.upperBound + 1
                if let match = confirm(rule, groups: groups, buffer: buffer) { found.append(match) }
            }
        }
        return found
    }

    /// The start of the line holding `offset`, looking back at most 256 bytes.
    private static func lineStart(_ buffer: UnsafePointer<UInt8>, before offset: Int) -> Int {
        var index = offset
        let limit = max(0, offset - 256)
        while index > limit {
            if buffer[index - 1] == UInt8(ascii: "\n") { return index }
            index -= 1
        }
        return index == 0 ? 0 : offset
    }

    /// The secret of a match, once entropy, stopwords and allow lists let it through.
    private func confirm(_ rule: Int, groups: [Range<Int>?], buffer: UnsafePointer<UInt8>) -> BufferMatch? {
        guard let whole = groups[0] else { return nil }
        let definition = rules.rules[rule]
        var secretRange: Range<Int>?
        if let group = definition.secretGroup {
            secretRange = group < groups.count ? groups[group] : nil
        } else if groups.count > 1 {
            secretRange = groups.dropFirst().first { ($0?.isEmpty == false) } ?? whole
        } else {
            secretRange = whole
        }
        guard let secretRange, !secretRange.isEmpty else { return nil }
        let bytes = UnsafeBufferPointer(start: buffer + secretRange.lowerBound, count: secretRange.count)
        let entropy = Self.entropy(bytes)
        if let minimum = definition.entropy, entropy < minimum { return nil }
        let secret = String(decoding: bytes, as: UTF8.self)
        if !definition.stopwords.isEmpty {
            let lowered = secret.lowercased()
            if definition.stopwords.contains(where: { !$0.isEmpty && lowered.contains($0.lowercased()) }) { return nil }
        }
        if rules.ruleAllow[rule].contains(where: { $0.matches(secret, using: matcher) }) { return nil }
        if rules.globalAllow.contains(where: { $0.matches(secret, using: matcher) }) { return nil }
        return BufferMatch(rule: rule, match: whole, secret: secretRange, entropy: entropy)
    }

    /// Shannon entropy in bits per byte.
    static func entropy(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var result = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            result -= p * log2(p)
        }
        return result
    }
}
