import Testing
import WardCore

@Suite struct ArrayInPlaceTests {
    @Test func everyElementIsVisitedInOrderWithItsPosition() {
        var seen: [(Int, String)] = []
        ["a", "b", "c"].forEachInPlace { index, element in seen.append((index, element.pointee)) }
        #expect(seen.map(\.0) == [0, 1, 2])
        #expect(seen.map(\.1) == ["a", "b", "c"])
    }

    @Test func anEmptyArrayCallsNothing() {
        var calls = 0
        [String]().forEachInPlace { _, _ in calls += 1 }
        #expect(calls == 0)
    }

    @Test func oneElementIsReadWhereItLies() {
        let findings = ["first", "second"]
        #expect(findings.withElement(at: 1) { $0.pointee } == "second")
        let address = findings.withUnsafeBufferPointer { $0.baseAddress! + 1 }
        #expect(findings.withElement(at: 1) { $0 } == address)
    }
}
