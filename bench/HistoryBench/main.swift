import Foundation
import WardCore
import WardStorage

// Builds and queries the history bench/history measures, through Ward's own recording API.
//
//   ward-history-bench generate DB [FINDINGS]   writes the history and DB.env (names to query)
//   ward-history-bench large DB [FINDINGS]      records one scan of FINDINGS (200,000) distinct findings, as LARGE_SCAN
//   ward-history-bench story DB IDENTITY         one finding's story, as `ward show` reads it
//   ward-history-bench triage DB IDENTITY        records a decision, as `ward triage` does
//   ward-history-bench diff DB SCAN SCAN         the diff of two scans, as `ward diff` reads it
//   ward-history-bench trends DB TARGET          weekly trends of a target, as `ward trends` reads it
//   ward-history-bench findings DB FILTER VALUE  `ward findings` filters the command line may not have yet:
//                                                 rule, advisory, identity, since (top 100)

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: ward-history-bench generate|large|story|triage|diff|trends|findings DB ...\n".utf8))
    exit(3)
}
do {
    switch arguments[1] {
    case "generate":
        var shape = HistoryShape()
        if arguments.count > 3, let findings = Int(arguments[3]) { shape.findings = findings }
        try HistoryGenerator(shape: shape, path: arguments[2]).run()
    case "large":
        try LargeScan(path: arguments[2], findings: arguments.count > 3 ? Int(arguments[3]) ?? 200_000 : 200_000).run()
    default:
        let database = try AppDatabase.open(path: arguments[2])
        print(try BenchQuery(database: database, arguments: Array(arguments.dropFirst(3))).run(arguments[1]))
    }
} catch {
    FileHandle.standardError.write(Data("ward-history-bench: \(error)\n".utf8))
    exit(2)
}
