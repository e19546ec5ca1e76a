import ArgumentParser
import Foundation
import OnomaStore

/// `--store PATH`: which glossary store a command uses. Shared by every command that reads or writes a store.
///
/// The store is `--store`, else `$ONOMA_STORE`, else the embedded default store (built on first use from the
/// shipped `Glossaries/` files and kept in `~/.cache/onoma/`). A path that does not exist is created empty.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The glossary store, an SQLite file created empty when missing (e.g. --store names.sqlite). Default: "
            + "$ONOMA_STORE, else the embedded default store built from the shipped Glossaries/ files.",
        valueName: "path"))
    var store: String?

    /// The store named by `--store` or `ONOMA_STORE`, or nil for the default store.
    func explicitPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let store, !store.isEmpty { return store }
        if let path = environment["ONOMA_STORE"], !path.isEmpty { return path }
        return nil
    }

    /// Opens the store for reading (and for writing, when it is not the default store).
    func open() throws -> GlossaryStore {
        do {
            if let path = explicitPath() { return try GlossaryStore.open(path: path) }
            return try GlossaryStore.openDefault()
        } catch {
            throw CommandFailure(storeError: error)
        }
    }

    /// Opens a store the command may write: `--store` or `ONOMA_STORE` is required.
    func openForWriting(_ action: String) throws -> GlossaryStore {
        guard explicitPath() != nil else {
            throw CommandFailure("\(action) needs a store of your own: pass --store PATH or set ONOMA_STORE (the "
                                 + "embedded default store is rebuilt from the shipped Glossaries/ files and cannot "
                                 + "be edited)", status: 64)
        }
        return try open()
    }
}

/// A failure a user can act on: printed as `onoma: message` on standard error, then the process exits with
/// `status` (65 for bad data, as `sysexits.h` has it; 64 for a bad command line; 1 otherwise).
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var status: Int32

    init(_ message: String, status: Int32 = 1) {
        self.message = message
        self.status = status
    }

    init(storeError error: StoreError) {
        let data: Set<StoreError.Code> = [.invalidConcept, .duplicateConcept, .glossaryFile]
        self.init(error.description, status: data.contains(error.code) ? 65 : 1)
    }

    var description: String { message }
}

/// Runs a command body, turning a ``CommandFailure`` into its message and exit status.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        FileHandle.standardError.write(Data("onoma: \(failure.message)\n".utf8))
        throw ExitCode(failure.status)
    } catch let error as StoreError {
        let failure = CommandFailure(storeError: error)
        FileHandle.standardError.write(Data("onoma: \(failure.message)\n".utf8))
        throw ExitCode(failure.status)
    }
}
