import Foundation
import GRDB
import Testing
import WardCore
import WardHistoryFormat
@testable import WardStorage

/// A write of many raw results compresses them against a dictionary made from its own first new
/// ones, stored as a row of its own (``StoredRawDictionary``): every reader gets the texts back, the
/// bodies take far fewer bytes, and a small write, or one of few new texts, keeps the shipped one.
@Suite struct StoredRawDictionaryTests {
    typealias F = StorageFixtures

    /// A SARIF result as Ward stores it, different for every `index`, alike in shape and wording.
    static func rawResult(_ index: Int) -> String {
        #"{"fingerprints":{"matchBasedId/v1":"\#(String(index &* 2_654_435_761 & 0xFFFF_FFFF, radix: 16))"},"level":"error","#
            + #""locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/module_\#(index % 40)/handler_\#(index).py","#
            + #""uriBaseId":"%SRCROOT%"},"region":{"endColumn":42,"endLine":\#(index + 1),"snippet":{"text":"    result_\#(index) = "#
            + #"subprocess.call(build_command(request.args.get('q\#(index % 20)')), shell=True)"},"startColumn":5,"#
            + #""startLine":\#(index)}}}],"message":{"text":"User input reaches a shell command in handler \#(index); pass "#
            + #"arguments as a list instead of a string."},"properties":{},"ruleId":"ward.python.rule-\#(index % 50)"}"#
    }

    /// `count` findings, each with its own raw result.
    static func findings(_ count: Int) -> [Finding] {
        (0..<count).map { index in
            var finding = F.finding("v1:dictionary-\(index)", path: "src/handler_\(index).py", line: index + 1)
            finding.raw = rawResult(index)
            return finding
        }
    }

    /// The digest, and the id its header names, of every stored body; the dictionary rows apart.
    static func bodies(_ db: Database) throws -> (named: [UInt32], dictionaries: [Data], bytes: Int) {
        var named: [UInt32] = [], dictionaries: [Data] = [], bytes = 0
        for row in try Row.fetchAll(db, sql: "SELECT digest, body FROM rawResult ORDER BY id") {
            let digest: Data = row["digest"], body: Data = row["body"]
            if digest.starts(with: Array("ward/raw/dic".utf8)) {
                dictionaries.append(digest)
                continue
            }
            named.append(body[2..<6].reduce(0) { $0 << 8 | UInt32($1) })
            bytes += body.count
        }
        return (named, dictionaries, bytes)
    }

    @Test func aLargeWriteCompressesAgainstItsOwnResultsAndEveryReaderGetsThemBack() throws {
        // Given a history on disk and a scan of findings enough to be read back on two threads,
        // each with its raw result
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("history.sqlite").path)
        let findings = Self.findings(AppDatabase.parallelReadThreshold + 100)

        // When it is recorded
        _ = try database.record(F.scan("large", findings: findings, at: 0))

        // Then one dictionary row was stored, and every other body names it
        let stored = try database.read(Self.bodies)
        #expect(stored.dictionaries.count == 1)
        #expect(stored.named.count == findings.count)
        let id = try #require(stored.dictionaries.first.map { $0[12..<16].reduce(0) { $0 << 8 | UInt32($1) } })
        #expect(id != RawDictionary.currentID)
        #expect(stored.named.allSatisfy { $0 == id })
        // And they take under half the bytes of the same texts against the shipped dictionary alone
        let compressor = try RawCompressor()
        let shipped = try findings.reduce(0) { $0 + (try compressor.compress($1.raw ?? "")).count }
        #expect(stored.bytes * 2 < shipped, "\(stored.bytes) bytes against \(shipped)")

        // And the scan read back (on two reading threads), the listing and the story give every text
        let expected = findings.map(\.raw)
        let recorded = try database.recordedFindings(inScan: "large").findings.sorted { $0.identity < $1.identity }
        #expect(recorded.map(\.raw) == findings.sorted { $0.identity < $1.identity }.map(\.raw))
        let listed = try database.findings(matching: FindingQuery(scanID: "large"))
        #expect(Set(listed.map(\.finding.raw)) == Set(expected))
        #expect(try database.story(identity: "v1:dictionary-7", target: F.target.name).sightings.map(\.raw) == [Self.rawResult(7)])
    }

    @Test func aScanOfAHundredFindingsMakesOneAndOfNinetyNineNone() throws {
        for (count, dictionaries) in [(99, 0), (100, 1)] {
            // Given a scan of `count` findings, each with its raw result, recorded as the command line does
            let database = try AppDatabase.inMemory()
            _ = try database.record(F.scan("s\(count)", findings: Self.findings(count), at: 0))
            // Then a dictionary of its own is stored from 100 findings on, and every text reads back
            let stored = try database.read(Self.bodies)
            #expect(stored.dictionaries.count == dictionaries, "\(count) findings")
            #expect(stored.named.count == count)
            let read = try database.findings(matching: FindingQuery(scanID: "s\(count)")).compactMap(\.finding.raw)
            #expect(Set(read) == Set(Self.findings(count).compactMap(\.raw)))
        }
    }

    @Test func aSmallWriteOrOneOfFewNewTextsKeepsTheShippedDictionary() throws {
        let texts = (0..<200).map(Self.rawResult)
        for compression in [RawResults.Compression.inline, .aside] {
            // Given a write expecting fewer results than the minimum
            let small = try AppDatabase.inMemory()
            try small.write { db in
                var results = try RawResults(db, compression: compression, expected: 999, dictionaryMinimum: 1_000)
                for start in stride(from: 0, to: texts.count, by: 64) { _ = try results.ids(for: Array(texts[start..<min(start + 64, texts.count)])) }
                try results.finish()
            }
            // Then every body names the shipped dictionary
            let smallBodies = try small.read(Self.bodies)
            #expect(smallBodies.dictionaries.isEmpty && smallBodies.named.count == texts.count)
            #expect(smallBodies.named.allSatisfy { $0 == RawDictionary.currentID })

            // Given a write expecting many, whose first batches hold fewer than 32 new texts
            let history = try AppDatabase.inMemory()
            try history.write { db in
                var results = try RawResults(db, compression: compression, expected: 1_000, dictionaryMinimum: 1_000)
                _ = try results.ids(for: Array(texts[0..<31]))
                _ = try results.ids(for: Array(texts[0..<31]) + [nil])
                // When a batch of 32 new ones comes
                _ = try results.ids(for: Array(texts[31..<63]))
                _ = try results.ids(for: Array(texts[63...]))
                try results.finish()
            }
            // Then the first 31 keep the shipped dictionary, and the rest name the one made of the 32
            let bodies = try history.read(Self.bodies)
            #expect(bodies.dictionaries.count == 1)
            #expect(bodies.named.prefix(31).allSatisfy { $0 == RawDictionary.currentID })
            let made = StoredRawDictionary.id(of: Array(StoredRawDictionary.text(sampling: Array(texts[31..<63])).utf8))
            #expect(bodies.named.count == texts.count && bodies.named.dropFirst(31).allSatisfy { $0 == made })
            // And each reads back
            let read = try history.read { db in
                let inflater = try RawInflater.reading(db)
                return try Data.fetchAll(db, sql: "SELECT body FROM rawResult WHERE substr(digest, 1, 12) != CAST('ward/raw/dic' AS BLOB) ORDER BY id").map(inflater.text)
            }
            #expect(read == texts)
        }
    }

    @Test func aDictionaryMadeWhileEarlierBatchesAreStillCompressedAsideIsStoredWithThem() throws {
        // Given a write compressing aside, whose first batch is slow to compress (31 large texts)
        let large = (0..<31).map { #"{"n":\#($0),"big":""# + String(repeating: "abcdefghij\($0)", count: 20_000) + #""}"# }
        let texts = large + (0..<64).map(Self.rawResult)
        let history = try AppDatabase.inMemory()
        try history.write { db in
            var results = try RawResults(db, compression: .aside, expected: 1_000, dictionaryMinimum: 1)
            // When the next batch makes a dictionary while the first is likely still being compressed
            _ = try results.ids(for: Array(texts[..<31]))
            _ = try results.ids(for: Array(texts[31...]))
            try results.finish()
        }

        // Then the dictionary's row is stored beside every text's, and each reads back
        let bodies = try history.read(Self.bodies)
        #expect(bodies.dictionaries.count == 1 && bodies.named.count == texts.count)
        let read = try history.read { db in
            let inflater = try RawInflater.reading(db)
            return try Data.fetchAll(db, sql: "SELECT body FROM rawResult WHERE substr(digest, 1, 12) != CAST('ward/raw/dic' AS BLOB) ORDER BY id")
                .map(inflater.text)
        }
        #expect(read == texts)
    }

    @Test func aDictionaryStoredBeforeIsUsedOnlyWhenItHoldsTheSameText() throws {
        let texts = (0..<64).map(Self.rawResult)
        let made = StoredRawDictionary.text(sampling: texts)
        let id = StoredRawDictionary.id(of: Array(made.utf8))
        let compressor = try RawCompressor()
        for (stored, reused) in [(try compressor.compress(made), true), (try compressor.compress(made + " "), false), (Data("not zlib".utf8), false)] {
            // Given a history holding a row under the dictionary's digest: the same text, another, or none it can read
            let history = try AppDatabase.inMemory()
            try history.write { db in
                try db.execute(sql: "INSERT INTO rawResult (id, digest, body) VALUES (1, ?, ?)",
                               arguments: [StoredRawDictionary.digest(id: id).data, stored])
            }

            // When a write of many makes the same dictionary
            try history.write { db in
                var results = try RawResults(db, expected: 1_000, dictionaryMinimum: 1)
                _ = try results.ids(for: texts)
                try results.finish()
            }

            // Then it compresses against the stored row when it is the same text, else against the shipped
            // dictionary, and adds no dictionary row in any case
            let bodies = try history.read(Self.bodies)
            #expect(bodies.dictionaries.count == 1)
            #expect(bodies.named.allSatisfy { $0 == (reused ? id : RawDictionary.currentID) }, "same text: \(reused)")
            let read = try history.read { db in
                let inflater = try RawInflater.reading(db)
                return try Data.fetchAll(db, sql: "SELECT body FROM rawResult WHERE id > 1 ORDER BY id").map(inflater.text)
            }
            #expect(read == texts)
        }
    }

    @Test func aSampleKeepsItsLastBytesFromACharacterOnAndEachTextOnce() {
        let text = "é" + String(repeating: "ü", count: StoredRawDictionary.maximumBytes / 2)
        let sample = StoredRawDictionary.text(sampling: [text, "tail", "tail"])
        #expect(sample.utf8.count <= StoredRawDictionary.maximumBytes)
        #expect(sample.utf8.count >= StoredRawDictionary.maximumBytes - 1)
        #expect(sample.hasSuffix("ü\ntail") && sample.first == "ü")
        // A short sample keeps the shipped dictionary in front of its texts.
        #expect(StoredRawDictionary.text(sampling: ["a", "b"]) == String(decoding: RawDictionary.current, as: UTF8.self) + "\na\nb")
    }
}
