import Foundation
import Testing
import TestSupport

/// `tools/system-packages.txt` is the one list of Debian packages Ward needs: every system library
/// Package.swift links must be in it, and everything that installs packages must go through it.
@Suite struct SystemPackagesTests {
    static let list = Fixtures.repository + "/tools/system-packages.txt"

    /// Package names of the list, by what they are needed for.
    static func packages(needed needs: Set<String>) throws -> Set<String> {
        let text = try String(contentsOfFile: list, encoding: .utf8)
        var names = Set<String>()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2 else { continue }
            if needs.contains(String(fields[0])) { names.insert(String(fields[1])) }
        }
        return names
    }

    /// `.systemLibrary` targets of Package.swift: their pkg-config names and apt providers.
    static func systemLibraries() throws -> [(pkgConfig: String?, apt: [String])] {
        let manifest = try String(contentsOfFile: Fixtures.repository + "/Package.swift", encoding: .utf8)
        let declarations = manifest.components(separatedBy: ".systemLibrary(").dropFirst()
        return declarations.map { declaration in
            let text = declaration.components(separatedBy: "\n").first ?? ""
            let pkgConfig = text.firstMatch(of: /pkgConfig: "([^"]+)"/).map { String($0.1) }
            let apt = text.firstMatch(of: /\.apt\(\[([^\]]*)\]\)/).map { match in
                match.1.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
            } ?? []
            return (pkgConfig, apt)
        }
    }

    @Test func everyAptProviderOfPackageSwiftIsInTheList() throws {
        let build = try Self.packages(needed: ["build"])
        let libraries = try Self.systemLibraries()
        #expect(libraries.count >= 3)
        for library in libraries {
            #expect(!library.apt.isEmpty, "a system library without an apt provider: \(library.pkgConfig ?? "?")")
            for package in library.apt {
                #expect(build.contains(package), "Package.swift links \(package), which tools/system-packages.txt lacks")
            }
        }
    }

    @Test func thePackageOwningEachPkgConfigFileIsInTheList() throws {
        let build = try Self.packages(needed: ["build"])
        for case let name? in try Self.systemLibraries().map(\.pkgConfig) {
            let located = try TestTools.run("/usr/bin/pkg-config", ["--variable=pcfiledir", name])
            #expect(located.status == 0, "pkg-config does not know \(name)")
            let file = located.output.trimmingCharacters(in: .whitespacesAndNewlines) + "/\(name).pc"
            let owner = try TestTools.run("/usr/bin/dpkg", ["-S", file])
            #expect(owner.status == 0, "no package owns \(file)")
            let package = owner.output.split(separator: ":").first.map(String.init) ?? ""
            #expect(build.contains(package), "\(name) comes from \(package), which tools/system-packages.txt lacks")
        }
    }

    @Test(arguments: ["action.yml", "ci-templates/gitlab-security-scanning.yml", ".ci/run", "scripts/test", "scripts/demo"])
    func installsThroughTheSharedScript(file: String) throws {
        let text = try String(contentsOfFile: Fixtures.repository + "/" + file, encoding: .utf8)
        #expect(text.contains("scripts/install-system-packages"), "\(file) does not install through scripts/install-system-packages")
        #expect(!text.contains("apt-get install"), "\(file) installs packages of its own")
    }

    @Test func theScriptPrintsTheListItReads() throws {
        let run = try TestTools.run(Fixtures.repository + "/scripts/install-system-packages", ["--test", "--print"])
        #expect(run.status == 0)
        let printed = Set(run.output.split(whereSeparator: \.isWhitespace).map(String.init))
        #expect(printed == (try Self.packages(needed: ["build", "run", "test"])))
    }
}
