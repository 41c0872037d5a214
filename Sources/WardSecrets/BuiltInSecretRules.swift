import Foundation
import WardCore

/// Where Ward's built-in `secret-rules.yaml` is.
public enum BuiltInSecretRules {
    /// The file name.
    public static let fileName = "secret-rules.yaml"

    /// The places looked at, in order: `WARD_SECRET_RULES`, the resource folder beside the
    /// executable, `../share/ward`, then the source tree this binary was built from.
    public static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        resource.candidates(environment: environment)
    }

    /// The rule file's path.
    ///
    /// - Throws: ``SecretRuleError/rulesNotFound(searched:)``.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SecretRuleError) -> String {
        guard let found = resource.locate(environment: environment) else {
            throw SecretRuleError.rulesNotFound(searched: candidates(environment: environment))
        }
        return found
    }

    private static var resource: ShippedResource {
        ShippedResource(
            fileName, overrideVariable: "WARD_SECRET_RULES", bundle: "ward_WardSecrets",
            sourceFolders: [(#filePath as NSString).deletingLastPathComponent + "/Resources"]
        )
    }
}
