/// How a sighting's location is read back from either history, in one SQL text (both backends
/// quote the same camelCase names): an occurrence whose `inherits` flag is set stores no location
/// of its own and was seen where its finding's row says the finding is.
public enum InheritedLocation {
    /// The SQL of the location column `column` (`path`, `startLine`, …) as the occurrence aliased
    /// `occurrence` of the finding aliased `finding` saw it.
    public static func column(_ column: String, occurrence: String, finding: String) -> String {
        #"CASE WHEN \#(occurrence)."inherits" THEN \#(finding)."\#(column)" ELSE \#(occurrence)."\#(column)" END"#
    }

    /// The SQL that stores the location value `value` of an occurrence being inserted: NULL when
    /// `inherits`, the SQL of its flag, is true, as the occurrence then reads its finding's.
    public static func stored(_ value: String, inherits: String) -> String {
        "CASE WHEN \(inherits) THEN NULL ELSE \(value) END"
    }
}
