// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "stance",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stance", targets: ["stance"]),
        .library(name: "StanceKit", targets: ["StanceKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Debian's libblas-dev (CBLAS header) and liblapack-dev (Fortran LAPACK, no header).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .target(name: "LinearAlgebra", dependencies: ["CBLAS"]),
        .target(name: "TextFeatures", dependencies: ["LinearAlgebra"]),
        .target(name: "SentenceEncoder", dependencies: ["LinearAlgebra"]),
        .target(name: "StanceKit", dependencies: ["LinearAlgebra", "TextFeatures", "SentenceEncoder"]),
        .executableTarget(
            name: "stance",
            dependencies: [
                "StanceKit",
                "LinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "TextFeaturesTests", dependencies: ["TextFeatures"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SentenceEncoderTests", dependencies: ["SentenceEncoder"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "StanceKitTests", dependencies: ["StanceKit"],
                    resources: [.copy("Fixtures")]),
        // Runs the built `stance` binary; depending on the executable makes `swift test` build it.
        .testTarget(name: "StanceCLITests", dependencies: ["stance", "StanceKit"],
                    resources: [.copy("Fixtures")]),
    ]
)
