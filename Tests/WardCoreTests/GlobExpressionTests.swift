import Foundation
import Testing
import WardCore

/// A glob and its regular expression (what a PostgreSQL history filters paths with) select the
/// same paths.
@Suite struct GlobExpressionTests {
    static let patterns = ["src/*.py", "**/test_*.py", "src/**", "**", "*", "a?c/*.txt", "docs/**/index.md", "a**b", "***",
                           "weird (1)/[x]+.py", "ünï/*.rs", "src/**/", "?", "**/"]
    static let paths = ["src/app.py", "src/sub/app.py", "test_a.py", "pkg/tests/test_b.py", "src", "src/", "abc/x.txt",
                        "a/c/x.txt", "docs/index.md", "docs/a/b/index.md", "ab", "a/x/b", "weird (1)/[x]+.py", "weird (1)/x.py",
                        "ünï/lib.rs", "ünï/a/lib.rs", "x", "", "line\nbreak", "a.b"]

    @Test(arguments: patterns) func theExpressionMatchesWhatTheGlobMatches(pattern: String) throws {
        let expression = try NSRegularExpression(pattern: Glob.regularExpression(pattern), options: [.dotMatchesLineSeparators])
        for path in Self.paths {
            let range = NSRange(path.startIndex..., in: path)
            let matched = expression.firstMatch(in: path, range: range) != nil
            #expect(matched == Glob.matches(pattern, path), "\(pattern) against \(path.debugDescription): \(Glob.regularExpression(pattern))")
        }
    }
}
