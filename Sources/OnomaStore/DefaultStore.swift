public import Foundation
import GRDB
import OnomaGlossary
import OnomaText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded default store: built from the shipped `Glossaries/**/*.tsv` files on first use, kept in the user's
/// cache directory, and rebuilt when those files change.
///
/// ```swift
/// let store = try GlossaryStore.openDefault()   // builds ~/.cache/onoma/default-<fingerprint>.sqlite if needed
/// ```
///
/// Where things are:
/// - the glossaries: `$ONOMA_GLOSSARIES`, else the first `Glossaries/` folder next to a `Package.swift` in the
///   executable's directory or one of its parents, then in the current directory or one of its parents, else
///   `<executable>/../share/onoma/Glossaries`. `Glossaries/examples/` is skipped: it holds samples for the docs and
///   tests, not curated data;
/// - the store: `$XDG_CACHE_HOME/onoma/default-<fingerprint>.sqlite` (`~/.cache/onoma/…` without `XDG_CACHE_HOME`).
///
/// The fingerprint hashes the store schema and key-format versions and every glossary file's relative path, size
/// and modification time, so an edited, added or removed file leads to a new store. The store is built in a
/// temporary file of the same directory and linked into place only when complete, under a lock file so that
/// concurrent first uses build it once; a crash mid-build never leaves a half-built store where it is looked for.
public enum DefaultStore {
    /// A shipped glossary file.
    public struct File: Hashable, Sendable {
        /// The path relative to the `Glossaries/` folder (`curated/people.tsv`).
        public var relativePath: String
        /// The file.
        public var url: URL
        /// Its size in bytes.
        public var size: Int
        /// Its modification time.
        public var modified: Date
    }

    /// The shipped `Glossaries/` folder.
    ///
    /// - Throws: ``StoreError/Code/glossariesNotFound`` naming the places searched.
    public static func locateGlossaries(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StoreError) -> URL
    {
        if let explicit = environment["ONOMA_GLOSSARIES"], !explicit.isEmpty {
            let url = URL(fileURLWithPath: (explicit as NSString).expandingTildeInPath)
            guard isDirectory(url) else {
                throw .glossariesNotFound(searched: ["ONOMA_GLOSSARIES=\(explicit) (not a directory)"])
            }
            return url
        }
        var searched: [String] = []
        var starts: [URL] = []
        if let executable = executableDirectory() { starts.append(executable) }
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in starts {
            searched.append("\(start.path) and its parents")
            var directory = start.standardizedFileURL
            while true {
                let glossaries = directory.appendingPathComponent("Glossaries")
                if isDirectory(glossaries),
                   FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
                {
                    return glossaries
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        if let executable = executableDirectory() {
            let installed = executable.deletingLastPathComponent().appendingPathComponent("share/onoma/Glossaries")
            searched.append(installed.path)
            if isDirectory(installed) { return installed }
        }
        throw .glossariesNotFound(searched: searched)
    }

    /// The directory the default store lives in: `$XDG_CACHE_HOME/onoma`, else `~/.cache/onoma`.
    public static func cacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return URL(fileURLWithPath: cache).appendingPathComponent("onoma")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/onoma")
    }

    /// The glossary files the default store is built from, sorted by relative path: `**/*.tsv` but `examples/`.
    public static func files(in glossaries: URL) throws(StoreError) -> [File] {
        let root = glossaries.standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey],
            options: [.skipsHiddenFiles])
        else { throw .glossariesNotFound(searched: [glossaries.path]) }
        var files: [File] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        while let url = enumerator.nextObject() as? URL {
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(prefix) else { continue }
            let relative = String(path.dropFirst(prefix.count))
            if relative == "examples" {
                enumerator.skipDescendants()
                continue
            }
            guard relative.lowercased().hasSuffix(".tsv"),
                  let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey,
                                                                 .contentModificationDateKey]),
                  values.isRegularFile == true
            else { continue }
            files.append(File(relativePath: relative, url: url, size: values.fileSize ?? 0,
                              modified: values.contentModificationDate ?? Date(timeIntervalSince1970: 0)))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    /// The fingerprint of a set of glossary files under this build's schema and key format: 32 hex digits.
    public static func fingerprint(of files: [File]) -> String {
        var hasher = FNV1a128()
        hasher.combine("onoma default store\nschema \(StoreSchema.version)\nkeys \(NameNormalizer.keyFormatVersion)\n")
        for file in files {
            let time = file.modified.timeIntervalSince1970
            hasher.combine("\(file.relativePath)\t\(file.size)\t\(String(format: "%.6f", time))\n")
        }
        return hasher.hexDigest
    }

    // MARK: - Building

    /// Opens the default store for `glossaries`, building it in `cacheDirectory` first when needed.
    static func open(glossaries: URL, cacheDirectory: URL) throws(StoreError) -> GlossaryStore {
        let files = try files(in: glossaries)
        let fingerprint = fingerprint(of: files)
        let path = cacheDirectory.appendingPathComponent("default-\(fingerprint.prefix(16)).sqlite").path
        if let store = openBuilt(path: path, fingerprint: fingerprint) { return store }

        do {
            try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: path, reason: "cannot create \(cacheDirectory.path): \(error.localizedDescription)")
        }
        let lock = try FileLock(path: path + ".lock")
        defer { lock.unlock() }
        // Another process may have built it while this one waited for the lock.
        if let store = openBuilt(path: path, fingerprint: fingerprint) { return store }

        let temporary = cacheDirectory.appendingPathComponent(
            ".default-\(fingerprint.prefix(16)).\(getpid())-\(UUID().uuidString).building.sqlite").path
        defer { removeDatabase(at: temporary) }
        try build(at: temporary, from: files, fingerprint: fingerprint)
        if FileManager.default.fileExists(atPath: path) {
            // A damaged or mismatched file: replace it in one step.
            removeDatabase(at: path, keepingMain: true)
            guard rename(temporary, path) == 0 else {
                throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
        } else if link(temporary, path) != 0 && errno != EEXIST {
            // No hard links on this file system: fall back to a rename, which is atomic too.
            guard rename(temporary, path) == 0 else {
                throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
        }
        removeStaleStores(in: cacheDirectory, keeping: path)
        return try GlossaryStore.open(path: path, isDefault: true, normalizer: NameNormalizer())
    }

    /// The store at `path` when it exists, opens, and was built from files with `fingerprint`.
    ///
    /// Reads the fingerprint alone: every command that opens the default store passes here (``GlossaryStore/stats()``
    /// would also count the terms per language, a scan of the term table).
    private static func openBuilt(path: String, fingerprint: String) -> GlossaryStore? {
        guard FileManager.default.fileExists(atPath: path),
              let store = try? GlossaryStore.open(path: path, isDefault: true, normalizer: NameNormalizer()),
              (try? store.read({ db in
                  try String.fetchOne(db, sql: "SELECT defaultStoreFingerprint FROM storeInfo")
              })) == fingerprint
        else { return nil }
        return store
    }

    /// Imports every file, each in its own transaction, into a new store at `path`, then closes it.
    private static func build(at path: String, from files: [File], fingerprint: String) throws(StoreError) {
        let store = try GlossaryStore.open(path: path)
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: file.url))
            } catch {
                throw .cannotOpen(path: file.url.path, reason: error.localizedDescription)
            }
            do {
                let concepts = try GlossaryReader.read(bytes, file: "Glossaries/" + file.relativePath, format: .tsv)
                try store.import(concepts, mode: .merge)
            } catch let error as GlossaryError {
                throw .glossaryFile(error)
            } catch let error as StoreError {
                throw StoreError(error.code, path: error.path, message: "Glossaries/\(file.relativePath): \(error)")
            } catch {
                throw StoreError(wrapping: error, path: path)
            }
        }
        do {
            try store.pool.write { db in
                try db.execute(sql: "UPDATE storeInfo SET defaultStoreFingerprint = ?", arguments: [fingerprint])
                try GlossaryStore.stampWrite(db)
            }
            try store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try store.pool.close()
        } catch {
            throw StoreError(wrapping: error, path: path)
        }
    }

    /// Removes default stores built from other versions of the files, once unused for a day.
    private static func removeStaleStores(in directory: URL, keeping path: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        let keep = (path as NSString).lastPathComponent
        for name in names where name.hasPrefix("default-") && name.hasSuffix(".sqlite") && name != keep {
            let file = directory.appendingPathComponent(name).path
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date,
                  Date().timeIntervalSince(modified) > 86_400
            else { continue }
            removeDatabase(at: file)
            try? FileManager.default.removeItem(atPath: file + ".lock")
        }
    }

    /// Removes an SQLite file and its `-wal` and `-shm` companions.
    private static func removeDatabase(at path: String, keepingMain: Bool = false) {
        for suffix in keepingMain ? ["-wal", "-shm"] : ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The directory of the running executable, symbolic links resolved.
    private static func executableDirectory() -> URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path).deletingLastPathComponent()
        }
        if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath().deletingLastPathComponent() }
        guard let first = CommandLine.arguments.first, first.contains("/") else { return nil }
        return URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent()
    }
}

extension GlossaryStore {
    /// Opens the embedded default store, building it from the shipped `Glossaries/` files first when they are new
    /// or changed (see ``DefaultStore``). The default store is read-only: writes throw
    /// ``StoreError/Code/readOnlyStore``.
    ///
    /// ```swift
    /// let store = try GlossaryStore.openDefault()
    /// ```
    /// - Parameter environment: where `ONOMA_GLOSSARIES`, `XDG_CACHE_HOME` and `HOME` are read.
    /// - Throws: ``StoreError/Code/glossariesNotFound`` when the shipped files cannot be found,
    ///   ``StoreError/Code/glossaryFile`` when one of them is malformed.
    public static func openDefault(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StoreError) -> GlossaryStore
    {
        try DefaultStore.open(glossaries: DefaultStore.locateGlossaries(environment: environment),
                              cacheDirectory: DefaultStore.cacheDirectory(environment: environment))
    }

    /// Opens the default store built from `glossaries`, kept in `cacheDirectory`.
    public static func openDefault(glossaries: URL, cacheDirectory: URL) throws(StoreError) -> GlossaryStore {
        try DefaultStore.open(glossaries: glossaries, cacheDirectory: cacheDirectory)
    }
}

// MARK: - Helpers

/// An exclusive `flock` on a lock file next to the store, released by ``unlock()`` or when the process dies.
///
/// The lock is taken on a separate file, never on the database: closing any descriptor of a database file drops
/// the POSIX locks SQLite holds on it.
private struct FileLock {
    private let descriptor: Int32

    init(path: String) throws(StoreError) {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR {
                close(descriptor)
                throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    func unlock() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// 128-bit FNV-1a: a fast, stable (across runs and platforms) hash for fingerprints; not cryptographic.
private struct FNV1a128 {
    private var state: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D
    private static let prime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013B

    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt128(byte)
            state = state &* Self.prime
        }
    }

    var hexDigest: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 32 - hex.count) + hex
    }
}
