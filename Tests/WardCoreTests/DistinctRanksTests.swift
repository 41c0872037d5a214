import Testing
import WardCore

/// Ranks among the distinct values of a list: equal values share one, in the order given, whether
/// they come in runs or scattered.
@Suite struct DistinctRanksTests {
    /// The ranks as their definition states them: each value's position among the sorted distinct values.
    static func reference(_ values: [String], by order: (String, String) -> Bool) -> [Int] {
        let sorted = Array(Set(values)).sorted(by: order)
        return values.map { value in sorted.firstIndex(of: value)! }
    }

    @Test func runsAndScatteredValuesShareTheirRanks() {
        let values = ["b", "b", "a", "c", "c", "c", "a", "b", "", ""]
        #expect(DistinctRanks.of(values, by: <) == [2, 2, 1, 3, 3, 3, 1, 2, 0, 0])
        #expect(DistinctRanks.of(values, by: >) == [1, 1, 2, 0, 0, 0, 2, 1, 3, 3])
        #expect(DistinctRanks.of([String](), by: <).isEmpty)
    }

    /// Equal texts spelled with different bytes (a precomposed letter and its decomposition) are
    /// one value to `String`, and share a rank whether or not they follow each other.
    @Test func canonicallyEqualTextsShareARank() {
        let composed = "caf\u{E9}.py", decomposed = "cafe\u{301}.py"
        #expect(DistinctRanks.of([composed, decomposed, "a.py", decomposed], by: <) == [1, 1, 0, 1])
    }

    @Test func generatedListsMatchTheDefinition() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let alphabet = (0..<Int.random(in: 1...12, using: &generator)).map { "src/file_\($0).py" }
            var values: [String] = []
            for _ in 0..<Int.random(in: 0...300, using: &generator) {
                let value = alphabet.randomElement(using: &generator)!
                // Runs as a history lists them, and single values between.
                values += Array(repeating: value, count: Int.random(in: 1...4, using: &generator))
            }
            #expect(DistinctRanks.of(values, by: <) == Self.reference(values, by: <))
            #expect(DistinctRanks.of(values, by: >) == Self.reference(values, by: >))
        }
    }
}
