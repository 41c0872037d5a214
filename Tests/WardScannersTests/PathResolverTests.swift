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

    @Test(arguments: [
        "/etc/passwd", "file:///etc/passwd", "FILE:///etc/passwd", "file:/etc/passwd", "file://localhost/etc/passwd",
        "file://evil.example/share/x.py", "../x", "a/../../x", "https://example.com/x.py", "http://127.0.0.1/a.py",
        "C:\\Windows\\x.py", "C:/Windows/x.py", "file:///tmp/%00x", "x\0.py", "file:///%2e%2e/etc/passwd", "file://%2Fetc/passwd",
    ])
    func refusesEveryPathOutsideTheRoot(reported: String) throws {
        let resolver = PathResolver(root: try Fixtures.temporaryDirectory(), strict: true)
        #expect(resolver.relativize(reported) == nil)
    }

    @Test func decodesAFileURIOnceOnly() throws {
        let resolver = PathResolver(root: try Fixtures.temporaryDirectory(), strict: true)
        // `%2520` is a literal `%20` in the file name, not a space.
        #expect(resolver.relativize("file://" + resolver.root + "/a%2520b.py") == "a%20b.py")
        #expect(resolver.relativize("file://localhost" + resolver.root + "/app/x.py") == "app/x.py")
        // Plain paths are never percent-decoded.
        #expect(resolver.relativize("a%2F..%2F..%2Fx") == "a%2F..%2F..%2Fx")
        // A name with a colon (an image reference) is a name, not a URI.
        #expect(resolver.relativize("python:3.12-slim (debian 12)") == "python:3.12-slim (debian 12)")
    }

    @Test func neverOpensFilesThroughSymlinksOutOfTheRoot() throws {
        let root = try Fixtures.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: root + "/escape.py", withDestinationPath: "/etc/hostname")
        try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: root + "/inside.py"))
        let resolver = PathResolver(root: root, strict: true)
        #expect(resolver.containedFile("escape.py") == nil)
        #expect(resolver.containedFile("inside.py") != nil)
    }

    @Test func folderCacheNeverFollowsALinkOutOfTheRootAndAgreesWithTheWholePathCheck() throws {
        let root = try Fixtures.temporaryDirectory()
        let outside = try Fixtures.temporaryDirectory()
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/app/sub", withIntermediateDirectories: true)
        try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: root + "/app/sub/inside.py"))
        try Data("secret = 1\n".utf8).write(to: URL(fileURLWithPath: outside + "/stolen.py"))
        try manager.createSymbolicLink(atPath: root + "/app/out", withDestinationPath: outside)
        try manager.createSymbolicLink(atPath: root + "/app/loop", withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: root + "/app/sub/escape.py", withDestinationPath: outside + "/stolen.py")
        try manager.createSymbolicLink(atPath: root + "/app/sub/near.py", withDestinationPath: "inside.py")
        let resolver = PathResolver(root: root, strict: true)
        let folders = RealDirectories()
        let paths = ["app/sub/inside.py", "app/out/stolen.py", "app/sub/escape.py", "app/sub/near.py", "app/loop/app/sub/inside.py",
                     "app/loop/../../etc/hostname", "app/sub/missing.py", "top.py", "app/sub/inside.py", "app/out/stolen.py"]
        let missing: Set = ["app/sub/missing.py", "top.py"]
        for path in paths {
            // Where no file is, the cached check names nothing to open (see below).
            #expect(resolver.containedFile(path, directories: folders) == (missing.contains(path) ? nil : resolver.containedFile(path)), "\(path)")
        }
        #expect(resolver.containedFile("app/out/stolen.py", directories: folders) == nil)
        #expect(resolver.containedFile("app/sub/escape.py", directories: folders) == nil)
        #expect(folders.count == 5)
    }

    @Test func folderCacheNamesNothingToReadWhereNoFileIs() throws {
        let root = try Fixtures.temporaryDirectory()
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/app", withIntermediateDirectories: true)
        try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: root + "/app/inside.py"))
        try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: root + "/plain"))
        try manager.createSymbolicLink(atPath: root + "/app/dangling", withDestinationPath: root + "/gone")
        let resolver = PathResolver(root: root, strict: true)
        let folders = RealDirectories()
        #expect(resolver.containedFile("app/inside.py", directories: folders) == resolver.root + "/app/inside.py")
        // A missing file, files of a missing folder (however deep), of a file and of a dangling link: nothing to open.
        for path in ["app/missing.py", "src/module_0001/handler_1.py", "src/module_0001/handler_2.py", "src/module_0002/handler_1.py",
                     "plain/x.py", "app/dangling/x.py"] {
            #expect(resolver.containedFile(path, directories: folders) == nil, "\(path)")
            // The whole-path check names the path all the same: the reader would then try to open it.
            #expect(resolver.containedFile(path) != nil, "\(path)")
        }
        // Each folder was looked at once: app, src/module_0001, src/module_0002, plain, app/dangling.
        #expect(folders.count == 5)
    }
}
