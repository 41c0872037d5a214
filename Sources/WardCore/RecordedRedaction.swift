import Foundation

/// Whether a recorded scan's stored texts all passed one redaction stage, asked of either history
/// in one SQL text (both backends quote the same camelCase names).
///
/// Recording a scan writes its own occurrences, stores raw results by the digest of their redacted
/// text, and rewrites each finding's texts through its stage or finds them equal to what that stage
/// gives. So every text read back for a scan passed the scan's stage when each of its findings was
/// last seen by a scan recorded with the same one. A target whose scans all share one fingerprint
/// answers at once; otherwise each finding's last sighting is looked at.
public enum RecordedRedaction {
    /// The query: one row holding the scan's ``RedactionStage/fingerprint`` when its texts all
    /// passed that stage, no row otherwise (and for a scan recorded without one). `placeholder`
    /// is the backend's parameter for the scan id (`?1`, `$1`).
    public static func query(placeholder: String) -> String {
        """
        SELECT s."redaction" FROM "scan" s WHERE s."id" = \(placeholder) AND s."redaction" IS NOT NULL AND (
          NOT EXISTS (SELECT 1 FROM "scan" o WHERE o."targetName" = s."targetName" AND o."redaction" IS DISTINCT FROM s."redaction")
          OR NOT EXISTS (
            SELECT 1 FROM "occurrence" x JOIN "finding" f ON f."id" = x."findingId" JOIN "scan" l ON l."key" = f."lastSeenScanKey"
            WHERE x."scanKey" = s."key" AND l."redaction" IS DISTINCT FROM s."redaction"))
        """
    }
}
