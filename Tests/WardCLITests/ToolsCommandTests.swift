import Foundation
import Testing
import TestSupport

@Suite struct ToolsCommandTests {
    @Test func installsAPinnedToolIntoItsOwnEnvironmentAndListsIt() throws {
        // Given an empty Ward home
        let home = try Fixtures.temporaryDirectory("ward-home")
        let environment = ["WARD_HOME": home, "WARD_DB": home + "/history.sqlite", "PATH": "/usr/local/bin:/usr/bin:/bin"]
        // When bandit is installed through ward
        let install = try WardProcess.run(["tools", "install", "bandit"], environment: environment)
        #expect(install.status == 0, "\(install.stderr)")
        // Then it lives in its own environment, is linked into tools/bin, and the list says it is the pinned one
        #expect(FileManager.default.isExecutableFile(atPath: home + "/tools/venvs/bandit/bin/bandit"))
        #expect(FileManager.default.isExecutableFile(atPath: home + "/tools/bin/bandit"))
        let list = try WardProcess.run(["tools", "list"], environment: environment)
        #expect(list.stdout.contains("bandit           pinned 1.9.4, found \(home)/tools/bin/bandit (1.9.4), pinned version"), "\(list.stdout)")
        // And installing again does nothing
        let again = try WardProcess.run(["tools", "install", "bandit"], environment: environment)
        #expect(again.stderr.contains("bandit: already installed"))
    }

    @Test func listSaysHowToGetTrivy() throws {
        let home = try Fixtures.temporaryDirectory("ward-home")
        let list = try WardProcess.run(["tools", "list", "--format", "json"], environment: ["WARD_HOME": home, "PATH": "/usr/bin:/bin"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("\"executable\" : \"bandit\""))
        #expect(list.stdout.contains("\"executable\" : \"trivy\""))
        #expect(list.stdout.contains("Aqua Security's apt repository"))
        #expect(!list.stdout.contains(home), "nothing is installed in an empty home")
    }
}
