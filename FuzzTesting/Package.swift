// swift-tools-version:5.4
import PackageDescription

// The libFuzzer driver, kept out of the main package so `swift test` never builds it. Build it
// through scripts/fuzz, which passes `-sanitize=fuzzer,address -parse-as-library`. Tools version
// 5.4 on purpose: from 5.5 on, SwiftPM renames an executable's `main` for testing, and a
// `-parse-as-library` driver has none; libFuzzer brings its own.
let package = Package(
    name: "WardFuzzTesting",
    dependencies: [
        .package(name: "ward", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "WardFuzz",
            dependencies: [.product(name: "WardFuzzTargets", package: "ward")]
        ),
    ]
)
