import Foundation
import WardApp
import WardCore

/// The API's OpenAPI 3.1 document (`schemas/ward-api.openapi.json`) and the report schema it refers
/// to, found where Ward finds its other shipped files.
enum OpenAPIDocument {
    /// The folder holding both documents.
    static let folder = ShippedResource("schemas", overrideVariable: "WARD_SCHEMA_DIR",
                                        sourceFolders: [(#filePath as NSString).deletingLastPathComponent + "/../.."])

    /// The OpenAPI document's bytes.
    static func data() throws(AppError) -> Data { try read("ward-api.openapi.json") }

    /// The report schema's bytes.
    static func reportSchema() throws(AppError) -> Data { try read("ward-report.schema.json") }

    private static func read(_ name: String) throws(AppError) -> Data {
        guard let directory = folder.locate(), let data = FileManager.default.contents(atPath: directory + "/" + name) else {
            throw .unusableInput(reason: "\(name) is not installed beside ward-server (share/ward/schemas)")
        }
        return data
    }
}
