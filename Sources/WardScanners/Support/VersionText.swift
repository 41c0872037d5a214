import Foundation

/// Finds version numbers in tool output.
enum VersionText {
    /// The first `N.N` or `N.N.N` (with optional suffix) in the text.
    static func firstVersion(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index].properties.numericType != nil, scalars[index].isASCII else { index += 1; continue }
            var end = index
            var dots = 0
            while end < scalars.count, scalars[end].isASCII,
                  scalars[end].properties.numericType != nil || (scalars[end] == "." && end + 1 < scalars.count && scalars[end + 1].properties.numericType != nil) {
                if scalars[end] == "." { dots += 1 }
                end += 1
            }
            if dots >= 1 {
                return String(String.UnicodeScalarView(scalars[index..<end]))
            }
            index = end + 1
        }
        return nil
    }
}
