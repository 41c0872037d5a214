import Foundation

/// Where Ward's built-in `secret-rules.yaml` is.
public enum BuiltInSecretRules {
    /// The file name.
    public static let fileName = "secret-rules.yaml"

    /// The places looked at, in order: `WARD_SECRET_RULES`, the resource folder beside the
    /// executable, `../share/ward`, then the source tree this binary was built from.
    public static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var candidates: [String] = []
        if let override = environment["WARD_SECRET_RULES"], !override.isEmpty { candidates.append(override) }
        if let executable = Bundle.main.executablePath {
            let directory = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
            candidates.append(directory + "/ward_WardSecrets.resources/" + fileName)
            candidates.append(directory + "/../share/ward/" + fileName)
        }
        candidates.append((#filePath as NSString).deletingLastPathComponent + "/Resources/" + fileName)
        return candidates
    }

    /// The rule file's path.
    ///
    /// - Throws: ``SecretRuleError/rulesNotFound(searched:)``.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SecretRuleError) -> String {
        let searched = candidates(environment: environment)
        guard let found = searched.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw SecretRuleError.rulesNotFound(searched: searched)
        }
        return (found as NSString).standardizingPath
    }
}
