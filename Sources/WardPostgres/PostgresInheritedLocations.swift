/// SQLite's `v17-inherited-locations` for PostgreSQL: the `inherits` column of `occurrence`, and
/// the trigger that gives the occurrences inheriting a finding's location their own copy before
/// the finding's row takes a new one.
enum PostgresInheritedLocations {
    /// The migration's statements, over the location columns as they were when it was written.
    static let statements: [String] = {
        let columns = ["path", "startLine", "endLine", "startColumn", "endColumn", "snippet"]
        let old = PostgresFindingColumns.list(columns, table: "OLD")
        let new = PostgresFindingColumns.list(columns, table: "NEW")
        let restored = columns.map { #""\#($0)" = OLD."\#($0)""# }.joined(separator: ", ")
        return [
            #"ALTER TABLE "occurrence" ADD COLUMN "inherits" boolean NOT NULL DEFAULT false"#,
            """
            CREATE FUNCTION "ward_keep_inherited_locations"() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
              UPDATE occurrence SET \(restored), inherits = false WHERE "findingId" = OLD.id AND inherits;
              RETURN NEW;
            END
            $body$
            """,
            """
            CREATE TRIGGER "finding_keeps_inherited_locations" BEFORE UPDATE OF \(PostgresFindingColumns.list(columns)) ON "finding"
            FOR EACH ROW WHEN ((\(old)) IS DISTINCT FROM (\(new))) EXECUTE FUNCTION "ward_keep_inherited_locations"()
            """,
        ]
    }()
}
