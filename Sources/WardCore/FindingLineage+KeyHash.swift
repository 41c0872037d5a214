import Foundation

/// A cheap stand-in for ``FindingLineage/key(tool:rule:kind:snippet:package:advisory:)``: the hash of
/// the key's UTF-8 bytes, fed to the hasher piece by piece (whitespace collapsed on the stack for
/// ASCII text). Equal keys have equal hashes, so a row whose hash no new finding has cannot share a
/// key with one, and its key is never built; the key is built from the same collapsed text.
extension FindingLineage {
    /// The hash of the key and, when `build` asks for it given the hash, the key itself; nil when there is no key.
    static func keyHash(tool: String, rule: String, kind: String, snippet: String?, package: String?, advisory: String?,
                        building build: (Int) -> Bool = { _ in false }) -> (hash: Int, key: String?)? {
        let text = snippet ?? ""
        let subject = package.map { "\($0)|\(advisory ?? "")" } ?? ""
        return Identity.withCollapsedWhitespace(text) { hashed(tool, rule, kind, $0, subject, building: build) }
    }

    /// The hash of the parts joined by U+001F, byte for byte, and the joined key when `build` asks for it.
    private static func hashed(_ tool: String, _ rule: String, _ kind: String, _ text: UnsafeBufferPointer<UInt8>, _ subject: String,
                               building build: (Int) -> Bool) -> (hash: Int, key: String?)? {
        guard !text.isEmpty || !subject.isEmpty else { return nil }
        var hasher = Hasher()
        func add(_ bytes: some Collection<UInt8>) {
            if bytes.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                Array(bytes).withUnsafeBytes { hasher.combine(bytes: $0) }
            }
        }
        let separator = "\u{1F}".utf8
        add(tool.utf8)
        add(separator)
        add(rule.utf8)
        add(separator)
        add(kind.utf8)
        add(separator)
        add(text)
        add(separator)
        add(subject.utf8)
        let hash = hasher.finalize()
        guard build(hash) else { return (hash, nil) }
        return (hash, [tool, rule, kind, String(decoding: text, as: UTF8.self), subject].joined(separator: "\u{1F}"))
    }
}
