import Foundation
import Testing
import WardCore

/// Shipped files are looked for in one order for every kind of resource.
@Suite struct ShippedResourceTests {
    @Test func looksAtTheOverrideThenBesideTheExecutableThenTheSourceTree() throws {
        // Given a resource with an override, a bundle and two source folders
        let resource = ShippedResource("rules.yaml", overrideVariable: "RULES", bundle: "ward_Pack", sourceFolders: ["/src/a", "/src/b"])

        // When its candidates are listed with the override set
        let candidates = resource.candidates(environment: ["RULES": "/etc/rules.yaml"])

        // Then the override comes first, the bundle and share folder next, the source folders last
        #expect(candidates.first == "/etc/rules.yaml")
        #expect(candidates.dropFirst().first?.hasSuffix("/ward_Pack.resources/rules.yaml") == true)
        #expect(candidates.dropFirst(2).first?.hasSuffix("/../share/ward/rules.yaml") == true)
        #expect(Array(candidates.suffix(2)) == ["/src/a/rules.yaml", "/src/b/rules.yaml"])
    }

    @Test func anEmptyOverrideIsIgnoredAndTheFirstPresentPlaceWins() throws {
        // Given a resource only present in its second source folder
        let resource = ShippedResource("policies", overrideVariable: "DIR", sourceFolders: ["/src/a", "/src/x/../b"])

        // When it is located with an empty override
        let found = resource.locate(environment: ["DIR": ""]) { $0.hasPrefix("/src/x") }

        // Then the present place is returned, standardized
        #expect(!resource.candidates(environment: ["DIR": ""]).contains(""))
        #expect(found == "/src/b/policies")
        #expect(resource.locate(environment: [:]) { _ in false } == nil)
    }
}
