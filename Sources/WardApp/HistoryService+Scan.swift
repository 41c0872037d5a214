import Foundation
import WardCore
import WardStorage

extension HistoryService {
    /// One recorded scan (by id or unique prefix) with its tool runs and counts.
    public func scan(id: String) throws(AppError) -> ScanSummary {
        let database = try WardRuntime.openHistory(paths)
        do {
            guard let scan = try database.scan(id: id) else { throw AppError.unknownScan(id: id) }
            return scan
        } catch {
            throw .wrapping(error)
        }
    }
}
