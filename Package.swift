// swift-tools-version:6.1
// Onoma: multilingual entity and glossary toolkit on ICU.

import PackageDescription

// Settings shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
    // Imports are internal unless a file says otherwise, so no dependency leaks into the public API.
    .enableUpcomingFeature("InternalImportsByDefault"),
    // A member is visible only where its module is imported.
    .enableUpcomingFeature("MemberImportVisibility"),
    // Existential types are spelled `any P`.
    .enableUpcomingFeature("ExistentialAny"),
]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")

let package = Package(
    name: "Onoma",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "onoma", targets: ["onoma"]),
        .library(name: "OnomaText", targets: ["OnomaText"]),
        .library(name: "OnomaBatch", targets: ["OnomaBatch"]),
        .library(name: "OnomaGlossary", targets: ["OnomaGlossary"]),
        .library(name: "OnomaStore", targets: ["OnomaStore"]),
        .library(name: "OnomaMatching", targets: ["OnomaMatching"]),
        .library(name: "OnomaLinking", targets: ["OnomaLinking"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: C shim: the only code that includes <unicode/…>.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]
        ),

        // MARK: Libraries, one per concern.
        // ICU wrappers, name normalization, scripts, transliteration, language tags.
        .target(
            name: "OnomaText", dependencies: ["CICU"], resources: [.copy("Rules")], swiftSettings: swiftSettings
        ),
        // The batch job: streaming row readers and writers, parallel normalization with a cache per distinct name.
        .target(name: "OnomaBatch", dependencies: ["OnomaText"], swiftSettings: swiftSettings),
        // The concept/term model and the glossary file formats (TSV, CSV, TBX, JSONL, OmegaT).
        .target(name: "OnomaGlossary", dependencies: ["OnomaText"], swiftSettings: swiftSettings),
        // The SQLite glossary store and the embedded default store.
        .target(
            name: "OnomaStore",
            dependencies: ["OnomaText", "OnomaGlossary", grdb],
            swiftSettings: swiftSettings
        ),
        // The matching cascade: exact, key, transliteration, transcription, fuzzy.
        .target(
            name: "OnomaMatching",
            dependencies: ["OnomaText", "OnomaGlossary", "OnomaStore"],
            resources: [.copy("Rules")],
            swiftSettings: swiftSettings
        ),

        // Entity linking in running text: word tokens, a term automaton, document consistency.
        .target(
            name: "OnomaLinking",
            dependencies: ["OnomaText", "OnomaGlossary", "OnomaStore", "OnomaMatching"],
            resources: [.copy("Rules")],
            swiftSettings: swiftSettings
        ),

        // MARK: Executable: a thin CLI over the libraries.
        .executableTarget(
            name: "onoma",
            dependencies: [
                "OnomaText", "OnomaBatch", "OnomaGlossary", "OnomaStore", "OnomaMatching", "OnomaLinking",
                argumentParser,
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: In-process benchmarks (run with `swift run -c release onoma-bench`).
        .executableTarget(
            name: "onoma-bench",
            dependencies: ["OnomaText", "OnomaGlossary", "OnomaStore", "OnomaMatching", "OnomaLinking"],
            path: "Benchmarks/Sources/onoma-bench",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests, mirroring the modules.
        .target(
            name: "TestResources",
            path: "Tests/TestResources",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OnomaTextTests",
            dependencies: ["OnomaText", "OnomaBatch", "TestResources"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OnomaGlossaryTests",
            dependencies: ["OnomaGlossary", "OnomaText", "TestResources"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OnomaStoreTests",
            dependencies: ["OnomaStore", "OnomaGlossary", "OnomaText", "TestResources"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OnomaMatchingTests",
            dependencies: ["OnomaMatching", "OnomaStore", "OnomaGlossary", "OnomaText", "TestResources"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OnomaLinkingTests",
            dependencies: [
                "OnomaLinking", "OnomaMatching", "OnomaStore", "OnomaGlossary", "OnomaText", "TestResources",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OnomaCLITests",
            dependencies: ["onoma", "OnomaBatch", "OnomaText", "TestResources", argumentParser],
            swiftSettings: swiftSettings
        ),
    ]
)
