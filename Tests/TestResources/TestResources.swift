package import Foundation

/// Test fixtures shipped in `Resources/`, shared by every test target.
///
/// ```swift
/// let bytes = try TestResources.bytes("glossary/tbx2-ntig.tbx")
/// ```
package enum TestResources {
    /// The URL of `Resources/<path>` inside the resource bundle.
    package static func url(_ path: String) -> URL {
        // The copied folder is `resourceURL/Resources` on Darwin; on Linux `resourceURL` already points at it.
        let base = Bundle.module.resourceURL ?? Bundle.module.bundleURL
        let nested = base.appendingPathComponent("Resources")
        let root = FileManager.default.fileExists(atPath: nested.path) ? nested : base
        return root.appendingPathComponent(path)
    }

    /// The bytes of `Resources/<path>`.
    ///
    /// - Throws: the file system error when the fixture is missing.
    package static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(path)))
    }
}
