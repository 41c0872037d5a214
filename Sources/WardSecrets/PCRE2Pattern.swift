import CPCRE2
import Foundation

/// A compiled PCRE2 pattern (8-bit code units, JIT-compiled when the platform allows), shared
/// read-only by every worker.
final class PCRE2Pattern: @unchecked Sendable {
    let code: OpaquePointer
    /// Number of capture groups.
    let captureCount: Int

    /// Compiles `pattern`.
    ///
    /// - Throws: the library's message and the offset of the error in the pattern.
    init(_ pattern: String, jit: Bool = true) throws(SecretRuleError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count, 0, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw SecretRuleError.invalidRegex(pattern: pattern, offset: errorOffset, reason: Self.message(errorCode))
        }
        code = compiled
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        if jit { _ = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) }
    }

    deinit { pcre2_code_free_8(code) }

    /// The library's text for an error code.
    static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "error \(code)"
    }

    /// The first match in `subject[0..<length]` starting at or after `offset`, as the ovector pairs
    /// of group 0 up to `captureCount` (unset groups are `nil`), or `nil` when there is none.
    func match(_ subject: UnsafePointer<UInt8>, length: Int, from offset: Int, using matcher: PCRE2Matcher) -> [Range<Int>?]? {
        guard offset <= length else { return nil }
        let status = pcre2_match_8(code, subject, length, offset, 0, matcher.matchData, matcher.context)
        guard status >= 0 else { return nil }
        let ovector = pcre2_get_ovector_pointer_8(matcher.matchData)!
        let pairs = Int(pcre2_get_ovector_count_8(matcher.matchData))
        let set = status == 0 ? pairs : Int(status)
        let unset = ward_pcre2_unset()
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount + 1)
        for group in 0...captureCount {
            guard group < set else {
                groups.append(nil)
                continue
            }
            let start = ovector[2 * group], end = ovector[2 * group + 1]
            groups.append(start == unset || end == unset || end < start ? nil : Int(start)..<Int(end))
        }
        return groups
    }

    /// Whether `text` matches anywhere.
    func matches(_ text: String, using matcher: PCRE2Matcher) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            return match(base, length: buffer.count, from: 0, using: matcher) != nil
        }
    }
}

/// One worker's PCRE2 match data, match context and JIT stack; not shared between threads.
final class PCRE2Matcher {
    let matchData: OpaquePointer
    let context: OpaquePointer
    private let jitStack: OpaquePointer?

    init(maximumCaptures: Int = 64) {
        matchData = pcre2_match_data_create_8(UInt32(maximumCaptures + 1), nil)!
        context = pcre2_match_context_create_8(nil)!
        jitStack = pcre2_jit_stack_create_8(32 << 10, 1 << 20, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        // A pathological rule gives up on one window instead of spinning.
        pcre2_set_match_limit_8(context, 5_000_000)
        pcre2_set_depth_limit_8(context, 100_000)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}
