import Foundation
import GRDB
import WardCore

extension AppDatabase {
    /// The findings of the scan `scanID` as the tools reported them (its gate's waivers left out),
    /// each with every tool that ever reported it as `sources`, in the order the scan recorded them:
    /// what gating a recorded scan again starts from. Raw results are read only when `rawResults`
    /// (a report that shows them); they are most of what a scan holds.
    public func recordedFindings(inScan scanID: String, rawResults: Bool = true) throws(StorageError) -> [Finding] {
        var query = FindingQuery(scanID: scanID)
        query.showsWaivers = false
        var search = FindingSearch(query: query)
        search.rawResults = rawResults
        search.recordedOrder = true
        return try read { db in try search.fetchFindings(db) }
    }
}
