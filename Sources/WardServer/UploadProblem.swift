import Foundation

/// Why an upload's body is not an upload document, in one line that names the field and quotes
/// nothing of what was sent.
enum UploadProblem {
    static let expected = "expected a JSON object with 'tool', 'target' and 'reports' ([{'name', 'content' (base64)}])"

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return expected }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(field(context.codingPath + [key])): missing; \(expected)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(field(context.codingPath)): wrong type; \(expected)"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "\(field(context.codingPath)): not valid (report content is base64); \(expected)"
        default:
            return "the body is not valid JSON; \(expected)"
        }
    }

    /// `reports[0].content` for a coding path.
    private static func field(_ path: [any CodingKey]) -> String {
        path.reduce(into: "") { text, key in
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
    }
}
