import Foundation

/// Recovers secret values a tool masked in its report, by laying the masked text over the source.
///
/// Trivy (and Checkov's secrets framework) never write a secret in clear: each byte of the match
/// becomes `*` in the code lines it reports. Ward still needs the value, once, to identify the
/// secret with a keyed hash and to redact it from the source lines it reads for the snippet. Laying
/// the masked text over the same lines of the file gives it back: the masked runs are the secret.
/// When the two do not line up (the file changed since the report, or the tool shortened the line),
/// nothing is recovered and the caller keeps the tool's masked text.
enum TrivyMaskedSecret {
    /// Longest source text compared, in bytes.
    static let limit = 64 << 10

    /// The clear values hidden under the `*` runs of `masked`, read from `clear` (the same source
    /// lines); `nil` when `masked` hides nothing or does not fit exactly one place in `clear`.
    ///
    /// `masked` may be the whole lines or a window of them (Trivy cuts long lines around the match).
    static func recover(masked: String, clear: String) -> [String]? {
        let mask = Array(masked.utf8), text = Array(clear.utf8)
        guard mask.contains(UInt8(ascii: "*")), !mask.isEmpty, mask.count <= text.count, text.count <= limit else { return nil }
        var found: [String]?
        for offset in 0...(text.count - mask.count) {
            guard let values = values(under: mask, in: text, at: offset) else { continue }
            if let earlier = found, earlier != values { return nil }
            found = values
        }
        return found
    }

    /// The runs of `text` under the `*` bytes of `mask` placed at `offset`, when every other byte
    /// matches and at least one masked byte differs from `*` in the clear text.
    private static func values(under mask: [UInt8], in text: [UInt8], at offset: Int) -> [String]? {
        let star = UInt8(ascii: "*")
        var runs: [[UInt8]] = []
        var current: [UInt8] = []
        var hidesSomething = false
        for index in mask.indices {
            let byte = text[offset + index]
            if mask[index] == star {
                current.append(byte)
                if byte != star { hidesSomething = true }
            } else {
                guard mask[index] == byte else { return nil }
                if !current.isEmpty { runs.append(current); current = [] }
            }
        }
        if !current.isEmpty { runs.append(current) }
        guard hidesSomething else { return nil }
        // Runs that were `*` in the source too hide nothing.
        let values = runs.filter { $0.contains { $0 != star } }.map { String(decoding: $0, as: UTF8.self) }
        return values.isEmpty ? nil : values
    }
}
