import Foundation
import WardScanners

/// Loads the scanners users declare in YAML files (see ``DeclarativeScannerSpec``).
///
/// `$WARD_HOME/plugins/*.yml` (Ward's data directory) is always read. Any other directory, such as
/// a repository's `.ward/plugins`, is read only when the user names it with `--plugins DIR`: a
/// plugin file says which command to run, and configuration inside a scanned repository must not
/// run commands on the user's machine by default.
public enum DeclarativePlugins {
    /// The declared plugins, in file-name order; a broken file, an id of a built-in scanner or an
    /// id declared twice is a usage error naming the file.
    public static func load(directory option: String?, paths: WardPaths) throws(AppError) -> [any ScannerPlugin] {
        var directories = [paths.dataDirectory + "/plugins"]
        if let option {
            let directory = WardPaths.absolute(option)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .invalidRequest(reason: "\(option): not a directory of plugin files")
            }
            if !directories.contains(directory) { directories.append(directory) }
        }
        let builtIn = Set(ScannerRegistry.ids)
        var declaredIn: [String: String] = [:]
        var plugins: [any ScannerPlugin] = []
        for directory in directories {
            for file in files(in: directory) {
                let spec: DeclarativeScannerSpec
                do {
                    spec = try DeclarativeScannerSpec.load(atPath: file)
                } catch {
                    throw .wrapping(error)
                }
                if builtIn.contains(spec.id) {
                    throw .unusableInput(reason: "\(file): plugin id '\(spec.id)' is the id of a built-in scanner; choose another id")
                }
                if let other = declaredIn[spec.id] {
                    throw .unusableInput(reason: "\(file): plugin id '\(spec.id)' is already declared in \(other)")
                }
                declaredIn[spec.id] = file
                plugins.append(DeclarativeScanner(spec: spec, origin: file))
            }
        }
        return plugins
    }

    /// The `.yml` and `.yaml` files of `directory`, sorted; none when it does not exist.
    static func files(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.filter { !$0.hasPrefix(".") }.sorted()
            .map { directory + "/" + $0 }
    }
}

extension DeclarativePlugins {
    /// The plugins a command knows about without running any itself: those of `directory` (a broken
    /// file there is an error) and of Ward's data directory (a broken file there only makes its ids
    /// unknown, so it does not block commands that do not use it).
    static func known(directory: String?, paths: WardPaths) throws(AppError) -> [any ScannerPlugin] {
        guard directory != nil else { return (try? load(directory: nil, paths: paths)) ?? [] }
        return try load(directory: directory, paths: paths)
    }
}
