// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "Squall",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "Squall", targets: ["Squall"]),
    .executable(name: "squall", targets: ["squall"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
  ],
  targets: [
    .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
    .target(
      name: "ClientErrorClassification",
      dependencies: [
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
      ]
    ),
    .target(
      name: "Squall",
      dependencies: [
        "ClientErrorClassification",
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]
    ),
    // What the builder and `squall requests` share: request files, variables, curl import, code export.
    .target(
      name: "SquallRequests",
      dependencies: ["Squall", .product(name: "NIOHTTP1", package: "swift-nio")]
    ),
    // Lessons: the file format, the checks, progress; shared by `squall lessons` and the pane.
    .target(name: "SquallLessons"),
    .target(
      name: "SquallPlayground",
      dependencies: [
        "Squall", "SquallExamples", "SquallRequests", "SquallLessons", "SquallCompare", "CNcurses",
        .product(name: "DequeModule", package: "swift-collections"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ]
    ),
    // The `squall` executable; its folder is Sources/SquallCLI so that no two paths differ only
    // by case (Sources/Squall is the library; macOS and Windows fold case).
    .executableTarget(
      name: "squall",
      dependencies: [
        "Squall", "SquallPlayground", "SquallExamples", "SquallRequests", "SquallLessons", "SquallCompare",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      path: "Sources/SquallCLI"
    ),
    .target(name: "SquallExamples", dependencies: ["Squall"], path: "Tutorials/Examples"),
    // `squall compare` and the playground's Tornado reference: the Python twins run by
    // Tornado, one request sent to both servers, the answers compared.
    .target(
      name: "SquallCompare",
      dependencies: [
        "Squall", "SquallExamples", .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
    .executableTarget(name: "hello-server", dependencies: ["Squall"], path: "Tutorials/HelloServer"),
    .executableTarget(name: "hello-client", dependencies: ["Squall"], path: "Tutorials/HelloClient"),
    // Helpers both test targets use: free ports, running programs, threads for blocking waits.
    .target(
      name: "SquallTestSupport",
      dependencies: ["Squall", .product(name: "NIOPosix", package: "swift-nio")],
      path: "Tests/SquallTestSupport"),
    .testTarget(
      name: "SquallTests",
      dependencies: [
        "Squall", "SquallExamples", "SquallTestSupport", .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
        .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
      ]
    ),
    .testTarget(name: "SquallLessonsTests", dependencies: ["SquallLessons"]),
    .testTarget(
      name: "SquallCompareTests", dependencies: ["SquallCompare", "Squall", "SquallExamples", "SquallTestSupport"]),
    .testTarget(name: "SquallRequestsTests", dependencies: ["SquallRequests", "Squall", "SquallTestSupport"]),
    .testTarget(
      name: "SquallPlaygroundTests",
      dependencies: [
        "SquallPlayground", "Squall", "SquallExamples", "SquallTestSupport",
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      exclude: ["Golden"]
    ),
    .testTarget(name: "SquallCLITests", dependencies: ["squall", "Squall", "SquallExamples", "SquallTestSupport"]),
  ]
)
