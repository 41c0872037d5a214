import Foundation

/// Shares one copy of each text that repeats across the findings of a report.
///
/// A large report repeats a few hundred texts (a rule's id, name, title and message, a file's path,
/// the tool's version, the metadata of a rule) over hundreds of thousands of results, and each
/// decoded result holds its own copy of each. Swift strings, arrays and dictionaries share their
/// storage when copied, so handing every finding the first copy of a value seen keeps one: the
/// readers of reports that run that large (SARIF, Semgrep's JSON) share the texts of each finding
/// as they decode it, and both histories as they read a stored scan back. Measured on a
/// 200,000-result SARIF log: 450 MB of decoded findings became 382 MB, and `ward check` of a stored
/// scan of that size peaked at 289 MB instead of 366, in the same time.
///
/// Texts short enough to be stored inside the string itself (15 bytes of UTF-8) hold no storage
/// and are left as they are, as are the texts that differ in every finding (identity, snippet,
/// raw result), which would only fill the table. A value is replaced only by one with the same
/// bytes: Swift compares strings by canonical equivalence, so two spellings of one accented letter
/// (two files on disk) are equal strings; only values whose texts are all ASCII, where equal
/// strings have equal bytes, are shared.
public struct TextInterner: Sendable {
    private var texts: Set<String> = []
    private var lists: Set<[String]> = []
    private var maps: Set<[String: String]> = []

    /// An interner that has seen nothing.
    public init() {}

    /// The texts of `finding` that repeat across findings, replaced by the equal copies seen first.
    public mutating func share(_ finding: inout Finding) {
        finding.ruleID = shared(finding.ruleID)
        finding.title = shared(finding.title)
        finding.message = shared(finding.message)
        finding.toolVersion = finding.toolVersion.map { shared($0) }
        finding.ruleName = finding.ruleName.map { shared($0) }
        finding.rawSeverity = finding.rawSeverity.map { shared($0) }
        finding.confidence = finding.confidence.map { shared($0) }
        if let path = finding.location?.path { finding.location?.path = shared(path) }
        finding.cwes = shared(finding.cwes)
        finding.references = shared(finding.references)
        finding.sources = shared(finding.sources)
        if !finding.metadata.isEmpty, finding.metadata.allSatisfy({ ASCIIText.isASCII($0.key) && ASCIIText.isASCII($0.value) }) {
            finding.metadata = maps.insert(finding.metadata).memberAfterInsert
        }
    }

    /// `text`, or the text with the same bytes seen first.
    public mutating func shared(_ text: String) -> String {
        guard text.utf8.count > 15, ASCIIText.isASCII(text) else { return text }
        return texts.insert(text).memberAfterInsert
    }

    private mutating func shared(_ list: [String]) -> [String] {
        guard !list.isEmpty, list.allSatisfy({ ASCIIText.isASCII($0) }) else { return list }
        return lists.insert(list).memberAfterInsert
    }
}
