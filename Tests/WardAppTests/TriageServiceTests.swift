import Foundation
import Testing
import TestSupport
@testable import WardApp
import WardCore
import WardPolicy
import WardStorage

/// The triage service: decisions recorded with a resolved author, a file's decisions weighed
/// against the history's by time, and added to the history only where they say something new.
@Suite struct TriageServiceTests {
    static let at = Date(timeIntervalSince1970: 1_790_000_000)

    func service(_ bed: AppTestbed, variables: [String: String] = [:]) -> TriageService {
        TriageService(WardContext(paths: bed.paths, environment: WardEnvironment(now: { Self.at }, version: "t", makeID: { "id" }),
                                  variables: variables))
    }

    func highIdentities(_ bed: AppTestbed) throws -> [String] {
        try bed.database().findings(matching: FindingQuery(minimumSeverity: .high, target: "tiny")).map(\.finding.identity).sorted()
    }

    static func entry(_ identity: String, target: String?, _ state: TriageDecision.State, at offset: TimeInterval) -> TriageFile.Entry {
        TriageFile.Entry(identity: identity, target: target,
                         decision: TriageDecision(state: state, reason: "from the file", author: "file", at: at.addingTimeInterval(offset)))
    }

    @Test func aDecisionIsRecordedWithItsAuthorAndTheGateHonoursIt() async throws {
        let bed = try AppTestbed()
        #expect(try bed.importReport().gated.conclusion == .failed)
        let identities = try highIdentities(bed)
        let service = service(bed, variables: ["WARD_AUTHOR": "  ana@example.com "])
        for identity in identities {
            let decided = try await service.decide(String(identity.prefix(10)), state: .falsePositive, reason: " reviewed ", expires: nil, by: nil,
                                                   target: nil)
            #expect(decided.identity == identity && decided.target == "tiny")
            #expect(decided.decision == TriageDecision(state: .falsePositive, reason: "reviewed", author: "ana@example.com", at: Self.at))
        }
        let gated = try bed.gates.check(scanID: nil, target: "tiny", pluginDirectory: nil, request: GateRequest())
        #expect(gated.conclusion == .passed)
        await #expect(throws: AppError.invalidRequest(reason: "--by must not be empty")) {
            try await service.decide(identities[0], state: .confirmed, reason: "x", expires: nil, by: " ", target: nil)
        }
    }

    @Test func theLaterOfTheFilesAndTheHistorysDecisionsWinsAndTheOwnTargetsEntryFirst() throws {
        let bed = try AppTestbed()
        _ = try bed.importReport()
        let identities = try highIdentities(bed)
        let database = try bed.database()
        try database.triage(TriageDecision(state: .confirmed, reason: "history", author: "h", at: Self.at), identity: identities[0], target: "tiny")
        try database.triage(TriageDecision(state: .confirmed, reason: "history", author: "h", at: Self.at), identity: identities[1], target: "tiny")
        let file = [Self.entry(identities[0], target: "elsewhere", .falsePositive, at: 60),
                    Self.entry(identities[0], target: "tiny", .acceptedRisk, at: 30),
                    Self.entry(identities[1], target: nil, .falsePositive, at: -60)]
        let decisions = try TriageService.decisions(for: "tiny", database: database, file: file)
        #expect(decisions[identities[0]]?.state == .acceptedRisk, "the own target's entry, newer than the history's")
        #expect(decisions[identities[1]]?.state == .confirmed, "the history's, newer than the file's")
    }

    @Test func recordingAFileAddsOnlyNewerDifferentDecisionsAboutKnownFindings() throws {
        let bed = try AppTestbed()
        _ = try bed.importReport()
        let identities = try highIdentities(bed)
        let database = try bed.database()
        try database.triage(TriageDecision(state: .confirmed, reason: "history", author: "h", at: Self.at), identity: identities[1], target: "tiny")
        let file = [Self.entry(identities[0], target: "svc", .falsePositive, at: 0), Self.entry(identities[1], target: "svc", .falsePositive, at: -1),
                    Self.entry("v1:0000000000000000000000000000000000000000", target: "svc", .falsePositive, at: 0)]
        let first = try TriageService.record(file, target: nil, database: database, redaction: RedactionStage(), anyTarget: true)
        #expect(first.recorded == 1 && first.superseded == 1 && first.unknown == 1 && first.unchanged == 0)
        let again = try TriageService.record(file, target: "tiny", database: database, redaction: RedactionStage())
        #expect(again.recorded == 0 && again.unchanged == 1 && again.superseded == 1)
        #expect(try database.triageHistory(identity: identities[0], target: "tiny").count == 1)
        let strict = try TriageService.record(file, target: nil, database: database, redaction: RedactionStage())
        #expect(strict.unknown == 3, "without anyTarget an entry's own target must hold the finding")
    }
}
