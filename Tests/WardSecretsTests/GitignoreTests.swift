import Testing
@testable import WardSecrets

@Suite("Gitignore")
struct GitignoreTests {
    @Test("bare names match at any depth, anchored patterns only below the file")
    func anchoring() {
        let rules = Gitignore("build\n/dist\ndocs/*.md\n")
        #expect(rules.verdict("build", isDirectory: true) == true)
        #expect(rules.verdict("src/build", isDirectory: true) == true)
        #expect(rules.verdict("dist", isDirectory: true) == true)
        #expect(rules.verdict("src/dist", isDirectory: true) == nil)
        #expect(rules.verdict("docs/a.md", isDirectory: false) == true)
        #expect(rules.verdict("docs/sub/a.md", isDirectory: false) == nil)
    }

    @Test("negation, directory-only patterns, comments and double stars")
    func negationAndStars() {
        let rules = Gitignore("# comment\n*.log\n!keep.log\nout/\n**/gen/**\na/**/z\n\\#hash\n")
        #expect(rules.verdict("x/y.log", isDirectory: false) == true)
        #expect(rules.verdict("x/keep.log", isDirectory: false) == false)
        #expect(rules.verdict("out", isDirectory: false) == nil)
        #expect(rules.verdict("p/out", isDirectory: true) == true)
        #expect(rules.verdict("p/gen/q.txt", isDirectory: false) == true)
        #expect(rules.verdict("a/z", isDirectory: false) == true)
        #expect(rules.verdict("a/b/c/z", isDirectory: false) == true)
        #expect(rules.verdict("#hash", isDirectory: false) == true)
        #expect(rules.verdict("comment", isDirectory: false) == nil)
    }

    @Test("character classes and question marks")
    func classes() {
        let rules = Gitignore("file[0-9].txt\n?.c\n[!a]*.h\n")
        #expect(rules.verdict("file7.txt", isDirectory: false) == true)
        #expect(rules.verdict("filex.txt", isDirectory: false) == nil)
        #expect(rules.verdict("a.c", isDirectory: false) == true)
        #expect(rules.verdict("ab.c", isDirectory: false) == nil)
        #expect(rules.verdict("b.h", isDirectory: false) == true)
        #expect(rules.verdict("a.h", isDirectory: false) == nil)
    }
}
