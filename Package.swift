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
    ],
    targets: [
        // Values shared by every layer.
        .target(name: "SurveyCore"),

        // Components: each depends on SurveyCore only (plus its one library).
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

        // Use cases wiring the components.
        .target(name: "SurveyKit", dependencies: [
            "SurveyCore", "SurveyDefinition", "SurveySimulation", "SurveyCollector",
            "SurveyStore", "SurveyScoring", "SurveyReporting",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Resources")]),

        // The HTTP service: routes, access tokens and the scorecard cache over the use cases.
        .target(name: "SurveyServer", dependencies: [
            "SurveyKit", "SurveyCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Resources")]),

        // The command-line tool.
        .executableTarget(name: "opmodel", dependencies: [
            "SurveyKit", "SurveyCore", "SurveyServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Tests.
        .target(name: "SurveyTestSupport", dependencies: ["SurveyCore", "SurveyDefinition"], path: "Tests/SurveyTestSupport",
                resources: [.copy("Fixtures")]),
        .testTarget(name: "SurveyDefinitionTests", dependencies: ["SurveyDefinition", "SurveyTestSupport"]),
        .testTarget(name: "SurveySimulationTests", dependencies: ["SurveySimulation", "SurveyCollector", "SurveyTestSupport"]),
        .testTarget(name: "SurveyCollectorTests", dependencies: [
            "SurveyCollector", "SurveyDefinition", "SurveyTestSupport",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "SurveyScoringTests", dependencies: ["SurveyScoring", "SurveyDefinition", "SurveyTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SurveyStoreTests", dependencies: ["SurveyStore", "SurveyTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SurveyReportingTests", dependencies: ["SurveyReporting", "SurveyCore", "SurveyTestSupport"],
                    resources: [.copy("Snapshots")]),
        .testTarget(name: "SurveyKitTests", dependencies: ["SurveyKit", "SurveyTestSupport",
                                                         .product(name: "GRDB", package: "GRDB.swift")],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SurveyServerTests", dependencies: [
            "SurveyServer", "SurveyKit", "SurveyTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
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
