import Foundation
import Testing
import WardCore
import WardStorage

/// A stored scan read back keeps one copy of each text its findings repeat (a rule's title and
/// message, a file's path), as a decoded report does: reading a large scan for `ward check` holds
/// them once.
@Suite struct SharedTextReadTests {
    typealias F = StorageFixtures

    static func storage(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test(arguments: StorageBackend.allCases) func findingsReadBackShareTheTextsTheyRepeat(_ backend: StorageBackend) async throws {
        // Given a stored scan whose findings repeat a long title, message and path
        let message = "User input reaches a shell command; pass the arguments as a list instead of a string."
        let findings = (0..<3).map { index in
            var finding = F.finding("v1:shared-\(index)", path: "src/handlers/shell_commands.py", line: index + 1)
            finding.title = "Semgrep Finding: ward.python.shell-injection"
            finding.message = message
            return finding
        }
        let read = try await backend.withEmptyHistory { database in
            _ = try database.record(F.scan("scan", findings: findings, at: 0))
            // When the scan is read back as the gate reads it
            return try database.recordedFindings(inScan: "scan", rawResults: true).findings
        }

        // Then each text is the one stored, held once for all the findings
        #expect(read.count == 3)
        #expect(read.allSatisfy { $0.message == message })
        #expect(Set(read.map { Self.storage($0.message) }).count == 1)
        #expect(Set(read.map { Self.storage($0.title) }).count == 1)
        #expect(Set(read.map { Self.storage($0.location?.path ?? "") }).count == 1)
    }
}
