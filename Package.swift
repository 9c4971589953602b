// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "opmodel",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "opmodel", targets: ["opmodel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Values shared by every layer.
        .target(name: "SurveyCore"),

        // Components: each depends on SurveyCore only (plus its library: Yams and Crypto for
        // definitions and their content hashes, ZIPFoundation for XLSX, GRDB for the store).
        .target(name: "SurveyDefinition", dependencies: [
            "SurveyCore",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "SurveySimulation", dependencies: ["SurveyCore"]),
        .target(name: "SurveyCollector", dependencies: [
            "SurveyCore",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "SurveyStore", dependencies: [
            "SurveyCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The C API, for the import's hot insert loop (binds without GRDB's per-row arrays).
            .product(name: "GRDBSQLite", package: "GRDB.swift", condition: .when(platforms: [.linux])),
        ]),
        .target(name: "SurveyScoring", dependencies: ["SurveyCore"]),
        .target(name: "SurveyReporting", dependencies: ["SurveyCore"]),

        // The application layer: every use case once, typed requests, results and errors, for
        // the CLI and the service alike. Crypto hashes imported files and access tokens.
        .target(name: "SurveyKit", dependencies: [
            "SurveyCore", "SurveyDefinition", "SurveySimulation", "SurveyCollector",
            "SurveyStore", "SurveyScoring", "SurveyReporting",
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Resources")]),

        // The HTTP adapter: routes, token checks and the scorecard cache over SurveyKit, with
        // the service's words and statuses for SurveyKit's errors.
        .target(name: "SurveyServer", dependencies: [
            "SurveyKit", "SurveyCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Resources")]),

        // The command-line adapter: arguments in, SurveyKit's results and errors out in the
        // command line's words and exit statuses.
        .executableTarget(name: "opmodel", dependencies: [
            "SurveyKit", "SurveyCore", "SurveyServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Tests.
        .target(name: "SurveyTestSupport", dependencies: ["SurveyCore", "SurveyDefinition", "SurveyStore"], path: "Tests/SurveyTestSupport",
                resources: [.copy("Fixtures")]),
        .testTarget(name: "SurveyDefinitionTests", dependencies: ["SurveyDefinition", "SurveyCore", "SurveyTestSupport"]),
        .testTarget(name: "SurveySimulationTests", dependencies: ["SurveySimulation", "SurveyCollector", "SurveyCore", "SurveyTestSupport"]),
        .testTarget(name: "SurveyCollectorTests", dependencies: [
            "SurveyCollector", "SurveyDefinition", "SurveyCore", "SurveyTestSupport",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "SurveyScoringTests", dependencies: ["SurveyScoring", "SurveyDefinition", "SurveyCore", "SurveyTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SurveyStoreTests", dependencies: ["SurveyStore", "SurveyCore", "SurveyTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SurveyReportingTests", dependencies: ["SurveyReporting", "SurveyCore", "SurveyTestSupport"],
                    resources: [.copy("Snapshots")]),
        .testTarget(name: "SurveyKitTests", dependencies: ["SurveyKit", "SurveyCore", "SurveyDefinition", "SurveyTestSupport",
                                                         .product(name: "GRDB", package: "GRDB.swift")],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "OpModelTests", dependencies: [
            "opmodel", "SurveyServer", "SurveyKit", "SurveyCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "SurveyServerTests", dependencies: [
            "SurveyServer", "SurveyKit", "SurveyCore", "SurveyTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "InMemoryLogging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
