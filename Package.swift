// swift-tools-version:6.0
import PackageDescription

/// Settings every Draagvlak target shares: Swift 6 language mode (strict concurrency) plus the
/// upcoming features Hummingbird 2 uses to keep module boundaries honest.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "draagvlak",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "draagvlak", targets: ["draagvlak"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C libraries, each behind one system-library target.
        .systemLibrary(
            name: "CMicroHTTPD", pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        // Thin wrappers: the only importers of the C modules above.
        .target(
            name: "MicroHTTP",
            dependencies: ["CMicroHTTPD", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),
        .target(name: "Secrets", dependencies: ["COpenSSL"], swiftSettings: strictSettings),

        // Pure domain logic: no I/O.
        .target(name: "Spelling", swiftSettings: strictSettings),
        .target(name: "Surveys", swiftSettings: strictSettings),
        .target(name: "Statistics", swiftSettings: strictSettings),
        .target(name: "Panel", dependencies: ["Spelling"], swiftSettings: strictSettings),
        .target(name: "Exports", dependencies: ["Surveys"], swiftSettings: strictSettings),
        .target(name: "Initiatives", dependencies: ["Spelling"], swiftSettings: strictSettings),

        // Adapters between the domain and the outside world.
        .target(
            name: "SurveyFiles", dependencies: ["Surveys", "Spelling", "YAMLFiles", "Yams"],
            swiftSettings: strictSettings),
        .target(name: "YAMLFiles", dependencies: ["Yams"], swiftSettings: strictSettings),
        .target(name: "RuleFiles", dependencies: ["Initiatives", "Spelling", "YAMLFiles", "Yams"], swiftSettings: strictSettings),
        .target(
            name: "Storage",
            dependencies: ["Surveys", "Panel", "Initiatives", "Secrets", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings),
        .target(name: "Mail", dependencies: ["Secrets", "CCurl"], swiftSettings: strictSettings),
        .target(name: "QRCode", dependencies: ["CQREncode"], swiftSettings: strictSettings),
        .target(
            name: "Web",
            dependencies: [
                "MicroHTTP", "Secrets", "Surveys", "SurveyFiles", "Statistics", "Panel", "Initiatives", "RuleFiles", "Storage", "Mail", "Exports", "QRCode",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "draagvlak",
            dependencies: [
                "Web", "Surveys", "SurveyFiles", "Panel", "Storage", "Secrets", "Mail", "Statistics", "Initiatives", "RuleFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                "Yams",
            ],
            swiftSettings: strictSettings),
        // Times the in-process work scripts/bench reports; not part of the product.
        .executableTarget(
            name: "draagvlak-bench",
            dependencies: ["Web", "Storage", "SurveyFiles", "Surveys", "Panel", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),

        // Tests: one target per module, plus a raw HTTP client for live-server tests.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(name: "MicroHTTPTests", dependencies: ["MicroHTTP", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SpellingTests", dependencies: ["Spelling"], swiftSettings: strictSettings),
        .testTarget(name: "SecretsTests", dependencies: ["Secrets"], swiftSettings: strictSettings),
        .testTarget(name: "SurveysTests", dependencies: ["Surveys"], swiftSettings: strictSettings),
        .testTarget(
            name: "SurveyFilesTests", dependencies: ["SurveyFiles", "Surveys"], exclude: ["Fixtures"],
            swiftSettings: strictSettings),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], swiftSettings: strictSettings),
        .testTarget(name: "PanelTests", dependencies: ["Panel"], swiftSettings: strictSettings),
        .testTarget(name: "ExportsTests", dependencies: ["Exports", "Surveys"], swiftSettings: strictSettings),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "Surveys", "Panel", "Initiatives", "Secrets", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strictSettings),
        .testTarget(name: "InitiativesTests", dependencies: ["Initiatives"], swiftSettings: strictSettings),
        .testTarget(
            name: "RuleFilesTests", dependencies: ["RuleFiles", "Initiatives"], exclude: ["Fixtures"],
            swiftSettings: strictSettings),
        .testTarget(name: "MailTests", dependencies: ["Mail"], swiftSettings: strictSettings),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"], swiftSettings: strictSettings),
        .testTarget(
            name: "WebTests",
            dependencies: ["Web", "MicroHTTP", "Storage", "SurveyFiles", "Surveys", "Panel", "Initiatives", "Secrets", "TestSupport"],
            swiftSettings: strictSettings),
    ]
)

// Fuzz targets (Fuzz/README.md): declared only for scripts/fuzz, which sets DRAAGVLAK_FUZZ=1 and builds
// them with -sanitize=fuzzer,address into .build-fuzz. They link only against libFuzzer's runtime, so
// ordinary builds must not see them.
if Context.environment["DRAAGVLAK_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzSurveyFile", ["SurveyFiles", "Surveys"]),
        ("FuzzShowIf", ["Surveys"]),
        ("FuzzForm", ["MicroHTTP"]),
        ("FuzzCSVImport", ["Panel"]),
        ("FuzzRuleFile", ["RuleFiles"]),
    ]
    package.targets.append(.target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"))
    for target in fuzzTargets {
        package.targets.append(.executableTarget(
            name: target.name, dependencies: target.dependencies + ["CFuzzDriver"], path: "Fuzz/\(target.name)",
            swiftSettings: strictSettings))
    }
}
