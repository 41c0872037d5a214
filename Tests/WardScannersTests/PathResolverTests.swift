import Foundation
import Testing
import TestSupport
@testable import WardScanners

@Suite struct PathResolverTests {
    @Test func relativizesWhatToolsReport() throws {
        let root = try Fixtures.temporaryDirectory()
        let resolver = PathResolver(root: root, strict: true)
        #expect(resolver.relativize("./app/views.py") == "app/views.py")
        #expect(resolver.relativize(resolver.root + "/app/views.py") == "app/views.py")
        #expect(resolver.relativize("file://" + resolver.root + "/a%20b.py") == "a b.py")
        #expect(resolver.relativize("app\\tools\\x.py") == "app/tools/x.py")
        #expect(resolver.relativize("app/../lib/x.py") == "lib/x.py")
    }

    @Test func refusesPathsThatLeaveTheRoot() throws {
        let root = try Fixtures.temporaryDirectory()
        let strict = PathResolver(root: root, strict: true)
        #expect(strict.relativize("../../etc/passwd") == nil)
        #expect(strict.relativize("/etc/passwd") == nil)
        #expect(strict.relativize("a\0b") == nil)
        let lenient = PathResolver(root: root, strict: false)
        #expect(lenient.relativize("/elsewhere/x.py") == "/elsewhere/x.py")
        #expect(lenient.relativize("../x.py") == nil)
    }

    @Test func neverOpensFilesThroughSymlinksOutOfTheRoot() throws {
        let root = try Fixtures.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: root + "/escape.py", withDestinationPath: "/etc/hostname")
        try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: root + "/inside.py"))
        let resolver = PathResolver(root: root, strict: true)
        #expect(resolver.containedFile("escape.py") == nil)
        #expect(resolver.containedFile("inside.py") != nil)
    }
}
