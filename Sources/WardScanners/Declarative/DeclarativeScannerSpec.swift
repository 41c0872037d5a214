import Foundation
import WardConfig
import WardCore

/// A scanner declared in a YAML file instead of compiled into Ward: which command to run, which
/// report it writes (SARIF, or JSON with a small field mapping), which exits mean a completed scan,
/// and which targets it applies to.
///
/// ```yaml
/// id: gosec
/// summary: Go security checker (gosec), SARIF output
/// executable: gosec
/// arguments: ["-fmt=sarif", "-out={report}", "-no-fail", "-quiet", "./..."]
/// output:
///   format: sarif          # sarif | json
///   report: file           # file ({report}) | stdout
/// exit-codes: [0]
/// applies-to:
///   extensions: [go]
/// kind: sast               # sast | secret | dependency | container | iac | license
/// default-severity: medium
/// ```
///
/// Placeholders in arguments: `{report}` (where the report goes), `{target}` (the workspace Ward
/// builds from its walk of the target root, also the working directory; reported paths inside it
/// are rebased onto the root) and an argument that is exactly `{args}` (the `--tool-arg`
/// arguments, zero or more). Ward adds nothing else. Unknown keys are errors, so a typo cannot
/// silently change what runs.
public struct DeclarativeScannerSpec: Decodable, Sendable, Equatable {
    /// The plugin id: lowercase letters, digits and `-`.
    public var id: String
    /// One line for `ward scanners`.
    public var summary: String
    /// The command, looked up like every scanner's (Ward's tools directory, then PATH).
    public var executable: String
    /// The arguments, with placeholders.
    public var arguments: [String]
    /// The report the tool writes.
    public var output: Output
    /// Exit statuses of a completed scan, with or without findings.
    public var exitCodes: [Int32]
    /// What the target must hold for the tool to run; `nil` for any non-empty target.
    public var appliesTo: Applicability?
    /// The kind of every finding; `nil` to guess it per SARIF result (static analysis for JSON).
    public var kind: FindingKind?
    /// The severity of findings the tool gives none for (or an unknown word).
    public var defaultSeverity: Severity
    /// Arguments that make the tool print its version.
    public var versionArguments: [String]

    /// The report format and where it lands.
    public struct Output: Decodable, Sendable, Equatable {
        /// The formats a declared tool may write.
        public enum Format: String, Decodable, Sendable, Equatable {
            case sarif, json
        }
        /// Where the report lands.
        public enum Destination: String, Decodable, Sendable, Equatable {
            case file, stdout
        }
        /// SARIF or JSON.
        public var format: Format
        /// A file (the `{report}` argument) or standard output.
        public var report: Destination
        /// JSON only: the dotted path of the results list (empty: the document is the list).
        public var results: String
        /// JSON only: where each result keeps its fields.
        public var fields: Fields?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case format, report, results, fields
        }

        public init(from decoder: any Decoder) throws {
            try ConfigKeys.refuseUnknown(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            format = try container.decode(Format.self, forKey: .format)
            report = try container.decodeIfPresent(Destination.self, forKey: .report) ?? .file
            results = try container.decodeIfPresent(String.self, forKey: .results) ?? ""
            fields = try container.decodeIfPresent(Fields.self, forKey: .fields)
            if format == .json && fields == nil {
                throw DecodingError.keyNotFound(CodingKeys.fields, .init(codingPath: decoder.codingPath,
                                                                         debugDescription: "a JSON report needs a field mapping"))
            }
        }

        init(format: Format, report: Destination, results: String = "", fields: Fields? = nil) {
            self.format = format
            self.report = report
            self.results = results
            self.fields = fields
        }
    }

    /// Dotted paths of each JSON result's fields (`location.path`, `start.line`, `0` for a list's first item).
    public struct Fields: Decodable, Sendable, Equatable {
        public var rule: String
        public var message: String?
        public var path: String?
        public var line: String?
        public var endLine: String?
        public var column: String?
        public var severity: String?
        /// For secret scanners: the field holding the clear value, hashed and redacted like every secret tool's.
        public var secret: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case rule, message, path, line, endLine = "end-line", column, severity, secret
        }

        public init(from decoder: any Decoder) throws {
            try ConfigKeys.refuseUnknown(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            rule = try container.decode(String.self, forKey: .rule)
            message = try container.decodeIfPresent(String.self, forKey: .message)
            path = try container.decodeIfPresent(String.self, forKey: .path)
            line = try container.decodeIfPresent(String.self, forKey: .line)
            endLine = try container.decodeIfPresent(String.self, forKey: .endLine)
            column = try container.decodeIfPresent(String.self, forKey: .column)
            severity = try container.decodeIfPresent(String.self, forKey: .severity)
            secret = try container.decodeIfPresent(String.self, forKey: .secret)
        }

        init(rule: String, message: String? = nil, path: String? = nil, line: String? = nil, severity: String? = nil) {
            self.rule = rule
            self.message = message
            self.path = path
            self.line = line
            self.severity = severity
        }
    }

    /// Which targets the tool scans: any file with one of these extensions or names.
    public struct Applicability: Decodable, Sendable, Equatable {
        /// File extensions without the dot (`go`, `sh`).
        public var extensions: [String]
        /// File names (`go.mod`, `Dockerfile`).
        public var files: [String]

        enum CodingKeys: String, CodingKey, CaseIterable {
            case extensions, files
        }

        public init(from decoder: any Decoder) throws {
            try ConfigKeys.refuseUnknown(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            extensions = (try container.decodeIfPresent([String].self, forKey: .extensions) ?? [])
                .map { ($0.hasPrefix(".") ? String($0.dropFirst()) : $0).lowercased() }
            files = (try container.decodeIfPresent([String].self, forKey: .files) ?? []).map { $0.lowercased() }
        }

        init(extensions: [String], files: [String]) {
            self.extensions = extensions
            self.files = files
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, summary, executable, arguments, output
        case exitCodes = "exit-codes", appliesTo = "applies-to", kind
        case defaultSeverity = "default-severity", versionArguments = "version-arguments"
    }

    public init(from decoder: any Decoder) throws {
        try ConfigKeys.refuseUnknown(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        guard !id.isEmpty, id.first?.isLetter == true,
              id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container,
                                                   debugDescription: "an id of lowercase letters, digits and '-', starting with a letter")
        }
        executable = try container.decode(String.self, forKey: .executable)
        guard !executable.isEmpty, !executable.contains("/"), !executable.contains("\0") else {
            throw DecodingError.dataCorruptedError(forKey: .executable, in: container,
                                                   debugDescription: "a command name (looked up in Ward's tools directory, then PATH), not a path")
        }
        summary = try container.decodeIfPresent(String.self, forKey: .summary) ?? "\(executable), declared in a plugin file"
        arguments = try container.decode([String].self, forKey: .arguments)
        output = try container.decode(Output.self, forKey: .output)
        if output.report == .file && !arguments.contains(where: { $0.contains("{report}") }) {
            throw DecodingError.dataCorruptedError(forKey: .arguments, in: container,
                                                   debugDescription: "an argument with {report} (output.report is 'file'), or output.report: stdout")
        }
        exitCodes = try container.decodeIfPresent([Int32].self, forKey: .exitCodes) ?? [0]
        appliesTo = try container.decodeIfPresent(Applicability.self, forKey: .appliesTo)
        kind = try container.decodeIfPresent(FindingKind.self, forKey: .kind)
        let severityText = try container.decodeIfPresent(String.self, forKey: .defaultSeverity)
        if let severityText {
            guard let severity = Severity(parsing: severityText) else {
                throw DecodingError.dataCorruptedError(forKey: .defaultSeverity, in: container,
                                                       debugDescription: "one of critical, high, medium, low, info")
            }
            defaultSeverity = severity
        } else {
            defaultSeverity = .medium
        }
        versionArguments = try container.decodeIfPresent([String].self, forKey: .versionArguments) ?? ["--version"]
    }

    /// Reads the plugin spec at `path`; every error names the file, line and column and calls it a plugin spec.
    public static func load(atPath path: String) throws(ConfigError) -> DeclarativeScannerSpec {
        try YAMLLoader.decode(DeclarativeScannerSpec.self, path: path, kind: .pluginSpec)
    }

    /// Reads a plugin spec from `text`, naming `path` in errors.
    public static func load(yaml text: String, path: String) throws(ConfigError) -> DeclarativeScannerSpec {
        try YAMLLoader.decode(DeclarativeScannerSpec.self, text: text, path: path, kind: .pluginSpec)
    }

    /// Creates a spec in code (tests, the placeholder plugin).
    public init(id: String, summary: String, executable: String, arguments: [String], format: Output.Format,
                report: Output.Destination = .file, exitCodes: [Int32] = [0]) {
        self.id = id
        self.summary = summary
        self.executable = executable
        self.arguments = arguments
        self.output = Output(format: format, report: report)
        self.exitCodes = exitCodes
        self.defaultSeverity = .medium
        self.versionArguments = ["--version"]
    }
}
