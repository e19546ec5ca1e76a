package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scratch folders for tests, all inside one folder per test process that is removed when the process exits.
///
/// A test makes its stores, rule folders and input files here rather than straight in the system temporary
/// directory, where nothing would remove them (about a hundred per `swift test`). A normal run leaves nothing, and a
/// killed one a single folder. Set `ONOMA_KEEP_TEST_FILES=1` to keep it for a post-mortem; its path is printed on
/// standard error.
///
/// ```swift
/// let path = try TemporaryFiles.directory("store").appendingPathComponent("glossary.sqlite").path
/// ```
package enum TemporaryFiles {
    /// This process's folder, `onoma-tests-<pid>-<UUID>` in the system temporary directory, made on first use.
    ///
    /// - Throws: the file system error when the folder cannot be made.
    package static var root: URL {
        get throws { try temporaryRoot.get() }
    }

    /// A new empty folder `<label>-<UUID>` inside ``root``.
    ///
    /// - Parameter label: says which tests made the folder, for whoever looks at a kept ``root``.
    /// - Returns: the folder.
    /// - Throws: the file system error when the folder cannot be made.
    package static func directory(_ label: String) throws -> URL {
        let url = try root.appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The per-process folder, a global constant so that the `atexit` handler can read it without capturing anything.
private let temporaryRootURL = FileManager.default.temporaryDirectory.appendingPathComponent(
    "onoma-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)", isDirectory: true)

/// Makes the per-process folder and registers its removal, once: a global is initialized once even when tests run
/// in parallel.
private let temporaryRoot = Result { () throws -> URL in
    try FileManager.default.createDirectory(at: temporaryRootURL, withIntermediateDirectories: true)
    if ProcessInfo.processInfo.environment["ONOMA_KEEP_TEST_FILES"].map({ !$0.isEmpty }) ?? false {
        FileHandle.standardError.write(Data("test files kept in \(temporaryRootURL.path)\n".utf8))
    } else {
        // XCTest and Swift Testing both end the process with `exit`, which runs this; only a killed run leaves it.
        atexit { try? FileManager.default.removeItem(at: temporaryRootURL) }
    }
    return temporaryRootURL
}
