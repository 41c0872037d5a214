import Foundation
import Testing
import TestSupport

/// Listing commands accept only the formats they can print, and say which those are.
@Suite struct ListFormatTests {
    @Test(arguments: [["scanners"], ["tools", "list"]])
    func unknownFormatIsAUsageErrorNamingTheValidOnes(command: [String]) throws {
        // Given an empty Ward home
        let home = try Fixtures.temporaryDirectory("ward-home")
        let environment = ["WARD_HOME": home, "PATH": "/usr/bin:/bin"]

        // When a format the command cannot print is asked for
        let result = try WardProcess.run(command + ["--format", "sarif"], environment: environment)

        // Then nothing is listed, the exit status is the usage one, and the message names the valid values
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("sarif"))
        #expect(result.stderr.contains("table") && result.stderr.contains("json"), "\(result.stderr)")
    }

    @Test(arguments: [["scanners"], ["tools", "list"]])
    func jsonFormatStillPrintsADocument(command: [String]) throws {
        let home = try Fixtures.temporaryDirectory("ward-home")
        let result = try WardProcess.run(command + ["--format", "json"], environment: ["WARD_HOME": home, "PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"schemaVersion\" : 1"))
    }
}
