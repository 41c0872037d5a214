// swift-tools-version: 6.0
import PackageDescription

let settings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "ward",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ward", targets: ["ward"]),
        // The HTTP server `ward serve` runs: its own executable, so that `ward` carries no HTTP stack.
        .executable(name: "ward-server", targets: ["ward-server"]),
        // For the libFuzzer driver in FuzzTesting/, a separate package built with sanitizers.
        .library(name: "WardFuzzTargets", targets: ["WardFuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // Vocabulary: Foundation, plus swift-crypto for SHA-256 and HMAC (see SHA256.swift).
        .target(
            name: "WardCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: settings
        ),
        // Ward's YAML documents (policies, plugin specs, secret rules, Bandit's YAML report): the only user of Yams.
        .target(name: "WardConfig", dependencies: ["WardCore", "Yams"], swiftSettings: settings),
        // System libraries of the built-in secret detector.
        .systemLibrary(name: "CVectorscan", pkgConfig: "libhs", providers: [.apt(["libvectorscan-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        // The built-in secret detector: rules as data, one Vectorscan database, PCRE2 confirmation.
        .target(
            name: "WardSecrets",
            dependencies: ["WardCore", "WardConfig", "CVectorscan", "CPCRE2"],
            resources: [.copy("Resources/secret-rules.yaml")],
            swiftSettings: settings
        ),
        // Scanner plugins and the process runner.
        .target(
            name: "WardScanners",
            dependencies: ["WardCore", "WardConfig", "WardSecrets", "CLibXML2"],
            resources: [.copy("Resources/semgrep")],
            swiftSettings: settings
        ),
        // zlib from the system, for the history's compressed raw results.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // How both histories store values: JSON text columns, compressed raw results and their digests.
        .target(name: "WardHistoryFormat", dependencies: ["WardCore", "CZlib"], swiftSettings: settings),
        // History in SQLite: the only user of GRDB.
        .target(
            name: "WardStorage",
            dependencies: [
                "WardCore", "WardHistoryFormat", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for binding bulk statements' text without GRDB's intermediate copy.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: settings
        ),
        // History in PostgreSQL: connection settings, the client and the migrations; the only user of PostgresNIO.
        .target(
            name: "WardPostgres",
            dependencies: ["WardCore", "WardHistoryFormat", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: settings
        ),
        // libxml2 (the XML report reader, the JUnit XML writer) and zlib (gzipped size of SARIF), from the system.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev", "zlib1g-dev"])]),
        // Report formats: pure functions from a scan to bytes.
        .target(name: "WardReporters", dependencies: ["WardCore", "CLibXML2"], swiftSettings: settings),
        // The gate: pure function from findings and tool runs to a verdict.
        .target(name: "WardPolicy", dependencies: ["WardCore", "WardConfig"], swiftSettings: settings),
        // The operations every front end calls (scan, import, gate, history), with plain Swift
        // inputs and outputs: nothing here prints, reads options or exits.
        .target(
            name: "WardApp",
            dependencies: [
                "WardCore", "WardConfig", "WardScanners", "WardSecrets", "WardStorage", "WardPostgres", "WardReporters", "WardPolicy",
                // `ward push`'s HTTP client (swift-nio; TLS from swift-nio-ssl): not the server stack.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: settings
        ),
        // Thin command line (with `ward serve`'s options and `ward-server`, the only users of ArgumentParser):
        // parses, calls one service, prints.
        .target(
            name: "WardCLI",
            dependencies: [
                "WardApp", "WardCore", "WardReporters", "WardServeOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings
        ),
        // The supervisor a tool runs under, so that its process group dies with Ward (inside `ward`).
        .target(name: "CWardSupervisor"),
        .executableTarget(name: "ward", dependencies: ["WardCLI", "WardScanners", "CWardSupervisor"], swiftSettings: settings),
        // The HTTP API and pages over the same services: the only user of Hummingbird.
        .target(
            name: "WardServer",
            dependencies: [
                "WardApp", "WardCore", "WardReporters", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        // `ward serve`'s options, declared once: `ward serve` passes them on, `ward-server` parses them.
        .target(
            name: "WardServeOptions",
            dependencies: ["WardApp", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: settings
        ),
        // `ward-server`: parses its options and runs the server (`ward serve` executes it).
        .executableTarget(
            name: "ward-server",
            dependencies: [
                "WardServer", "WardApp", "WardServeOptions", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings
        ),
        // Entry points the fuzzers drive and the unit tests replay crash inputs through.
        .target(
            name: "WardFuzzTargets",
            dependencies: ["WardCore", "WardConfig", "WardScanners", "WardSecrets", "WardPolicy"],
            swiftSettings: settings
        ),
        // bench/history's generator: records a large synthetic history through the storage API.
        .executableTarget(
            name: "WardHistoryBench",
            dependencies: ["WardCore", "WardStorage", "WardApp"],
            path: "bench/HistoryBench",
            swiftSettings: settings
        ),
        // bench/json-decode's reader of a SARIF log with Ward's parser and its streaming decoder.
        .executableTarget(name: "WardDecodeBench", dependencies: ["WardCore"], path: "bench/DecodeBench", swiftSettings: settings),

        .target(
            name: "TestSupport",
            dependencies: ["WardCore", "WardPostgres", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/TestSupport",
            swiftSettings: settings
        ),
        .testTarget(name: "WardCoreTests", dependencies: ["WardCore", "TestSupport"], swiftSettings: settings),
        .testTarget(name: "WardConfigTests", dependencies: ["WardConfig", "TestSupport"], swiftSettings: settings),
        .testTarget(
            name: "WardScannersTests",
            dependencies: ["WardScanners", "WardConfig", "WardFuzzTargets", "TestSupport"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "WardSecretsTests",
            dependencies: ["WardSecrets", "WardConfig", "WardFuzzTargets", "TestSupport"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "WardStorageTests",
            dependencies: [
                "WardStorage", "WardPostgres", "WardHistoryFormat", "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "WardPostgresTests",
            dependencies: [
                "WardPostgres", "WardStorage", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "WardReportersTests",
            dependencies: ["WardReporters", "TestSupport"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "WardPolicyTests",
            dependencies: ["WardPolicy", "WardConfig", "TestSupport"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "WardAppTests",
            dependencies: ["WardApp", "WardStorage", "TestSupport"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "WardServerTests",
            dependencies: [
                "WardServer", "WardApp", "WardStorage", "WardPostgres", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "WardCLITests",
            dependencies: ["WardCLI", "WardStorage", "WardReporters", "TestSupport"],
            swiftSettings: settings
        ),
    ]
)
