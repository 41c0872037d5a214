import Foundation

extension Glob {
    /// The anchored regular expression (POSIX extended, as PostgreSQL's `~` reads it) that matches
    /// exactly the paths `pattern` matches: `**/` is `(.*/)?`, `**` is `.*`, `*` is `[^/]*`, `?` is
    /// `[^/]`, every other character itself (escaped unless a letter or digit).
    public static func regularExpression(_ pattern: String) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var expression = "^"
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "*" where index + 1 < scalars.count && scalars[index + 1] == "*":
                if index + 2 < scalars.count, scalars[index + 2] == "/" {
                    expression += "(.*/)?"
                    index += 3
                } else {
                    expression += ".*"
                    index += 2
                }
                continue
            case "*": expression += "[^/]*"
            case "?": expression += "[^/]"
            default:
                let plain = !scalar.isASCII || CharacterSet.alphanumerics.contains(scalar)
                expression += plain ? String(scalar) : "\\" + String(scalar)
            }
            index += 1
        }
        return expression + "$"
    }
}
