import Foundation

/// Every report format Ward writes. Adding a format is one file plus one line here.
public enum ReporterRegistry {
    /// All reporter types.
    public static let all: [any Reporter.Type] = [
        TableReporter.self,
        JSONReporter.self,
        SARIFReporter.self,
        JUnitReporter.self,
        MarkdownReporter.self,
        GitLabSASTReporter.self,
        GitLabSecretsReporter.self,
        GitLabDependencyReporter.self,
        HTMLReporter.self,
    ]

    /// The ids of every reporter.
    public static var ids: [String] { all.map { $0.id } }

    /// The reporter with this id.
    public static func reporter(id: String) throws(ReporterError) -> any Reporter.Type {
        guard let type = all.first(where: { $0.id == id }) else {
            throw ReporterError.unknownFormat(id: id, known: ids)
        }
        return type
    }
}
