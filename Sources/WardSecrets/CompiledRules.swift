import CPCRE2
import CVectorscan
import Foundation
import Synchronization
import WardCore

/// A rule set made ready to scan: one Vectorscan block-mode database holding every rule's pattern
/// (exact where Vectorscan can compile it, as a prefilter where it cannot) and every keyword as a
/// caseless literal, plus each rule's PCRE2 regex that confirms the hits and extracts the secret.
///
/// The database is serialized to a cache file keyed by a digest of the rules, the Vectorscan
/// version and the CPU, so the compile is paid once per rule set and machine.
final class CompiledRules: @unchecked Sendable {
    /// How Vectorscan sees one rule.
    enum Mode: String, Codable, Sendable {
        /// Vectorscan reports exactly the ends of the regex's matches.
        case exact
        /// Vectorscan reports a superset (`HS_FLAG_PREFILTER`); PCRE2 decides.
        case prefilter
        /// Vectorscan matches the regex with its largest bounded repeats made open-ended (such
        /// repeats make its compile explode): a superset; PCRE2 decides.
        case approximate
        /// Vectorscan cannot compile the regex even as a prefilter: PCRE2 scans every file the rule's
        /// keywords appear in.
        case pcreOnly
    }

    /// What the compile decided, kept beside the serialized database.
    struct Plan: Codable, Sendable {
        var modes: [Mode]
        /// Bytes before a hit's end where its match may start.
        var windows: [Int]
        /// Distinct lowercase keywords; keyword `k` has Vectorscan id `rules.count + k`.
        var keywords: [String]
        /// Indices into ``keywords`` for each rule.
        var ruleKeywords: [[Int]]
    }

    /// Window for rules whose matches have no bound on their width.
    static let unboundedWindow = 32768
    /// Bounded repeats above this count are made open-ended for Vectorscan.
    static let largestRepeat = 1000
    /// Largest window taken from a pattern's own maximum width.
    static let widestWindow = 65536

    let rules: [SecretRule]
    let plan: Plan
    let database: OpaquePointer?
    let scratch: OpaquePointer?
    /// Notes about rules Vectorscan could not take exactly.
    let notes: [String]
    /// Whether the database came from the cache.
    let fromCache: Bool

    private let patterns: [PatternSlot]
    let ruleAllow: [[PCRE2Pattern]]
    let rulePaths: [[PCRE2Pattern]]
    let ruleAllowPaths: [[PCRE2Pattern]]
    let globalAllow: [PCRE2Pattern]
    let globalAllowPaths: [PCRE2Pattern]
    let pcreOnlyRules: [Int]

    /// Compiles `set`, reading and writing the serialized database in `cacheDirectory` when given.
    init(_ set: SecretRuleSet, cacheDirectory: String?) throws(SecretRuleError) {
        let problems = set.problems()
        guard problems.isEmpty else { throw SecretRuleError.invalidRuleSet(problems: problems) }
        rules = set.rules
        func compileAll(_ list: [String], rule: String) throws(SecretRuleError) -> [PCRE2Pattern] {
            var result: [PCRE2Pattern] = []
            for pattern in list {
                do { result.append(try PCRE2Pattern(pattern, jit: false)) } catch {
                    throw SecretRuleError.invalidRule(id: rule, reason: error.description)
                }
            }
            return result
        }
        var allow: [[PCRE2Pattern]] = [], paths: [[PCRE2Pattern]] = [], allowPaths: [[PCRE2Pattern]] = []
        for rule in rules {
            allow.append(try compileAll(rule.allow, rule: rule.id))
            paths.append(try compileAll(rule.paths, rule: rule.id))
            allowPaths.append(try compileAll(rule.allowPaths, rule: rule.id))
        }
        ruleAllow = allow
        rulePaths = paths
        ruleAllowPaths = allowPaths
        globalAllow = try compileAll(set.allow, rule: "allow")
        globalAllowPaths = try compileAll(set.allowPaths, rule: "allow-paths")

        let key = Self.cacheKey(set)
        let cacheFile = cacheDirectory.map { $0 + "/secret-rules-" + key + ".hsdb" }
        var loadedPlan: Plan?
        var loadedDatabase: OpaquePointer?
        if let cacheFile, let (cachedPlan, cachedDatabase) = Self.load(cacheFile), cachedPlan.modes.count == rules.count {
            loadedPlan = cachedPlan
            loadedDatabase = cachedDatabase
        }
        var slots: [PatternSlot] = []
        if let loadedPlan {
            plan = loadedPlan
            database = loadedDatabase
            fromCache = true
            // The set compiled before on this machine: PCRE2 patterns are compiled on first use.
            slots = rules.map { PatternSlot($0.regex, compiled: nil) }
        } else {
            var compiled: [PCRE2Pattern] = []
            for rule in rules {
                do { compiled.append(try PCRE2Pattern(rule.regex)) } catch {
                    throw SecretRuleError.invalidRule(id: rule.id, reason: error.description)
                }
            }
            slots = zip(rules, compiled).map { PatternSlot($0.regex, compiled: $1) }
            let (builtPlan, builtDatabase) = try Self.build(rules)
            plan = builtPlan
            database = builtDatabase
            fromCache = false
            if let cacheFile, let builtDatabase { Self.save(plan: builtPlan, database: builtDatabase, to: cacheFile) }
        }
        patterns = slots
        var scratchSpace: OpaquePointer?
        if let database, hs_alloc_scratch(database, &scratchSpace) != HS_SUCCESS {
            throw SecretRuleError.database(reason: "cannot allocate Vectorscan scratch space")
        }
        scratch = scratchSpace
        let modes = plan.modes, ids = rules.map(\.id)
        pcreOnlyRules = modes.indices.filter { modes[$0] == .pcreOnly }
        notes = modes.indices.compactMap { index in
            switch modes[index] {
            case .exact: nil
            case .prefilter, .approximate: "rule \(ids[index]): Vectorscan prefilters it, PCRE2 confirms"
            case .pcreOnly: "rule \(ids[index]): Vectorscan cannot compile it; PCRE2 scans the files it applies to"
            }
        }
    }

    deinit {
        if let scratch { hs_free_scratch(scratch) }
        if let database { hs_free_database(database) }
    }

    /// The PCRE2 pattern of rule `index`, compiled on first use.
    func pattern(_ index: Int) -> PCRE2Pattern? {
        patterns[index].pattern()
    }

    /// A scratch space for one more worker.
    func cloneScratch() -> OpaquePointer? {
        guard let scratch else { return nil }
        var clone: OpaquePointer?
        guard hs_clone_scratch(scratch, &clone) == HS_SUCCESS else { return nil }
        return clone
    }

    // MARK: Building

    /// A Vectorscan literal pattern for a keyword.
    static func literal(_ keyword: String) -> String {
        keyword.utf8.map { byte in
            let scalar = Unicode.Scalar(byte)
            return (byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))))
                ? String(Character(scalar)) : String(format: "\\x%02x", byte)
        }.joined()
    }

    private static func expressionInfo(_ pattern: String, flags: UInt32) -> (min: UInt32, max: UInt32)? {
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let status = hs_expression_info(pattern, flags, &info, &error)
        if let error { hs_free_compile_error(error) }
        guard status == HS_SUCCESS, let info else { return nil }
        defer { free(info) }
        return (info.pointee.min_width, info.pointee.max_width)
    }

    static func build(_ rules: [SecretRule]) throws(SecretRuleError) -> (Plan, OpaquePointer?) {
        var keywords: [String] = []
        var keywordIndex: [String: Int] = [:]
        var ruleKeywords: [[Int]] = []
        for rule in rules {
            var indices: [Int] = []
            for keyword in rule.keywords.map({ $0.lowercased() }) where !keyword.isEmpty {
                if let existing = keywordIndex[keyword] {
                    indices.append(existing)
                } else {
                    keywordIndex[keyword] = keywords.count
                    indices.append(keywords.count)
                    keywords.append(keyword)
                }
            }
            ruleKeywords.append(indices)
        }
        let relaxedPatterns = rules.map { RegexRewriting.relaxingRepeats(RegexRewriting.nonCapturing($0.regex), limit: largestRepeat) }
        let prepared = relaxedPatterns.map(\.0)
        var modes: [Mode] = []
        var windows: [Int] = []
        for (pattern, relaxed) in relaxedPatterns {
            if let info = expressionInfo(pattern, flags: 0), info.min > 0 {
                modes.append(relaxed ? .approximate : .exact)
                windows.append(relaxed || info.max == UInt32.max ? unboundedWindow : min(Int(info.max), widestWindow))
            } else if let info = expressionInfo(pattern, flags: UInt32(HS_FLAG_PREFILTER)), info.min > 0 {
                modes.append(.prefilter)
                windows.append(unboundedWindow)
            } else {
                modes.append(.pcreOnly)
                windows.append(unboundedWindow)
            }
        }
        while true {
            var expressions: [String] = []
            var flags: [UInt32] = []
            var ids: [UInt32] = []
            var owners: [Int] = []
            for (index, mode) in modes.enumerated() where mode != .pcreOnly {
                expressions.append(prepared[index])
                flags.append(mode == .prefilter ? UInt32(HS_FLAG_PREFILTER) : 0)
                ids.append(UInt32(index))
                owners.append(index)
            }
            for (index, keyword) in keywords.enumerated() {
                expressions.append(literal(keyword))
                flags.append(UInt32(HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH))
                ids.append(UInt32(rules.count + index))
                owners.append(-1)
            }
            let plan = Plan(modes: modes, windows: windows, keywords: keywords, ruleKeywords: ruleKeywords)
            guard !expressions.isEmpty else { return (plan, nil) }
            var database: OpaquePointer?
            var error: UnsafeMutablePointer<hs_compile_error_t>?
            let cStrings = expressions.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            let status = cStrings.map { UnsafePointer($0) }.withUnsafeBufferPointer { pointers in
                hs_compile_multi(pointers.baseAddress, flags, ids, UInt32(expressions.count), UInt32(HS_MODE_BLOCK), nil, &database, &error)
            }
            if status == HS_SUCCESS, let database { return (plan, database) }
            let failed = error.map { Int($0.pointee.expression) } ?? -1
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "error \(status)"
            if let error { hs_free_compile_error(error) }
            guard failed >= 0, failed < owners.count, owners[failed] >= 0 else {
                throw SecretRuleError.database(reason: message)
            }
            let rule = owners[failed]
            modes[rule] = modes[rule] == .exact || modes[rule] == .approximate ? .prefilter : .pcreOnly
            windows[rule] = unboundedWindow
        }
    }

    // MARK: Cache

    /// The cache key: the rules' patterns and keywords, the Vectorscan version and the CPU.
    static func cacheKey(_ set: SecretRuleSet) -> String {
        var text = "ward-secret-rules-v2\n" + platform
        for rule in set.rules {
            text += rule.regex + "\u{1}" + rule.keywords.joined(separator: "\u{2}") + "\n"
        }
        return String(SHA256.hexString(SHA256.digest(Array(text.utf8))).prefix(32))
    }

    /// The Vectorscan version and what it tunes for on this CPU, one line each: what decides
    /// whether a serialized database is usable here.
    static let platform: String = {
        var platform = hs_platform_info_t()
        hs_populate_platform(&platform)
        return String(cString: hs_version()) + "\n\(platform.tune) \(platform.cpu_features)\n"
    }()

    private static func load(_ path: String) -> (Plan, OpaquePointer?)? {
        guard let data = PrivateCacheFile.read(path), data.count > 8 else { return nil }
        let headerLength = data.prefix(8).reduce(0) { ($0 << 8) | Int($1) }
        guard headerLength > 0, 8 + headerLength <= data.count,
              let plan = try? JSONDecoder().decode(Plan.self, from: data.subdata(in: 8..<(8 + headerLength))) else { return nil }
        let body = data.subdata(in: (8 + headerLength)..<data.count)
        if body.isEmpty { return (plan, nil) }
        var database: OpaquePointer?
        let status = body.withUnsafeBytes { raw in
            hs_deserialize_database(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count, &database)
        }
        guard status == HS_SUCCESS, let database else { return nil }
        return (plan, database)
    }

    private static func save(plan: Plan, database: OpaquePointer, to path: String) {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return }
        defer { free(bytes) }
        guard let header = try? JSONEncoder().encode(plan) else { return }
        var data = Data((0..<8).reversed().map { UInt8(truncatingIfNeeded: header.count >> ($0 * 8)) })
        data.append(header)
        data.append(Data(bytes: bytes, count: length))
        PrivateCacheFile.write(data, to: path)
    }
}

/// A rule's PCRE2 pattern, compiled by the first worker that needs it.
final class PatternSlot: Sendable {
    private let regex: String
    /// The compiled pattern, and whether compiling it failed (so it is not tried again).
    private let state: Mutex<(compiled: PCRE2Pattern?, failed: Bool)>

    init(_ regex: String, compiled: PCRE2Pattern?) {
        self.regex = regex
        state = Mutex((compiled, false))
    }

    func pattern() -> PCRE2Pattern? {
        state.withLock { state in
            if state.compiled == nil && !state.failed {
                state.compiled = try? PCRE2Pattern(regex)
                state.failed = state.compiled == nil
            }
            return state.compiled
        }
    }
}
