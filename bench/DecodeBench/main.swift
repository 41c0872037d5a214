import Foundation
import WardCore

// bench/json-decode's Swift side: reads a SARIF log with Ward's whole-tree parser (`tree`) or the
// streaming decoder (`stream`), touching in every result the fields Ward's SARIF reader reads.
// Prints `NAME CPU-SECONDS RESULTS CHECKSUM`; CPU time, because the machine is shared.

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func touch(_ result: JSONValue) -> Int {
    let region = result["locations"][0]["physicalLocation"]["region"]
    return (result["ruleId"].string?.utf8.count ?? 0) + (result["level"].string?.utf8.count ?? 0)
        + (result["message"]["text"].string?.utf8.count ?? 0)
        + (result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].string?.utf8.count ?? 0)
        + (region["startLine"].int ?? 0) + (region["endLine"].int ?? 0) + (region["snippet"]["text"].string?.utf8.count ?? 0)
}

let arguments = CommandLine.arguments
guard arguments.count == 3, ["tree", "stream"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: WardDecodeBench tree|stream LOG\n".utf8))
    exit(2)
}
let started = cpuSeconds()
let data = try Data(contentsOf: URL(fileURLWithPath: arguments[2]))
var results = 0
var checksum = 0
if arguments[1] == "tree" {
    let log = try JSONParser.parse(data)
    for run in log["runs"].array ?? [] {
        for result in run["results"].array ?? [] {
            checksum &+= touch(result)
            results += 1
        }
    }
} else {
    let log = try JSONDocument.open(data, streaming: [["runs", "*", "results"]])
    for index in (log.header["runs"].array ?? []).indices {
        for result in log.elements(at: [.key("runs"), .index(index), .key("results")]) ?? JSONDocument.Elements([]) {
            checksum &+= touch(result)
            results += 1
        }
    }
}
print("\(arguments[1]) \(cpuSeconds() - started) \(results) \(checksum)")
