// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "Squall",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "Squall", targets: ["Squall"]),
    .library(name: "SquallTesting", targets: ["SquallTesting"]),
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
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
  ],
  targets: [
    .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
    // zlib's raw deflate streams for WebSockets' permessage-deflate (Debian: zlib1g-dev).
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .target(
      name: "ClientErrorClassification",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
      ]
    ),
    // Pure values and functions, Foundation and swift-http-types only: URL and header checks,
    // JSON, terminal-safe text, numbers, the example apps' names. The library re-exports them;
    // the playground's core, the request files, the lessons and the comparison use them alone.
    .target(name: "SquallValues", dependencies: [.product(name: "HTTPTypes", package: "swift-http-types")]),
    .target(
      name: "Squall",
      dependencies: [
        "SquallValues", "ClientErrorClassification", "CZlib",
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOWebSocket", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    // What the builder and `squall requests` share: request files, variables, curl import, code export.
    // Tornado's AsyncHTTPTestCase for Squall apps: in-process or on a live port-0 server, logs captured.
    .target(
      name: "SquallTesting",
      dependencies: [
        "Squall", .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ]),
    .target(name: "SquallRequests", dependencies: ["SquallValues", "SquallChecks"]),
    // Lessons: the file format, the checks, progress; shared by `squall lessons` and the pane.
    .target(name: "SquallLessons", dependencies: ["SquallValues", "SquallChecks", "SquallRequests"]),
    // Checks as a language: one grammar and one evaluator for lesson checks, saved requests'
    // asserts and captures, and the Log's filter. Pure.
    .target(name: "SquallChecks", dependencies: ["SquallValues"]),
    // Files on disk: the request collection and its last responses, lesson folders, snippets,
    // atomic writes with a corrupt file set aside. The pure targets above do no file I/O;
    // the runtime and the CLI reach the disk through this one.
    .target(name: "SquallStorage", dependencies: ["SquallValues", "SquallRequests", "SquallLessons"]),
    // The playground's pure core: state, events, effects, update, layout, keys, and the views
    // that render into a canvas. No NIO, no curses: the runtime turns effects into events.
    .target(
      name: "SquallPlaygroundCore",
      dependencies: [
        "SquallValues", "SquallRequests", "SquallLessons", "SquallCompare", "SquallChecks",
        .product(name: "DequeModule", package: "swift-collections"),
      ]
    ),
    // The pure models turned into traffic and processes: a request file through Squall's
    // client, a comparison's request through NIO's parser, the Tornado twin run by python3.
    // Shared by the playground's runtime and the CLI.
    .target(
      name: "SquallTransport",
      dependencies: [
        "SquallValues",
        "Squall", "SquallRequests", "SquallCompare",
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
    // The playground's runtime: the terminal, the hosted server, the runners of effects.
    .target(
      name: "SquallPlayground",
      dependencies: [
        "SquallValues",
        "SquallPlaygroundCore", "Squall", "SquallExamples", "SquallRequests", "SquallLessons", "SquallCompare",
        "SquallTransport", "SquallStorage", "CNcurses",
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
        "SquallValues",
        "Squall", "SquallPlayground", "SquallPlaygroundCore", "SquallExamples", "SquallRequests", "SquallLessons",
        "SquallCompare", "SquallTransport", "SquallStorage",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      path: "Sources/SquallCLI"
    ),
    .target(
      name: "SquallExamples", dependencies: ["SquallValues", "Squall"], path: "Tutorials/Examples",
      exclude: ["NotesApp/templates"]),
    // `squall compare` and the playground's Tornado reference: the Python twins run by
    // Tornado, one request sent to both servers, the answers compared.
    .target(name: "SquallCompare", dependencies: ["SquallValues"]),
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
        "Squall", "SquallValues", "SquallExamples", "SquallTestSupport", "SquallTesting",
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
        .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
      ]
    ),
    .testTarget(name: "SquallLessonsTests", dependencies: ["SquallLessons", "SquallStorage", "SquallChecks"]),
    // The pure values alone: no NIO, no server; what every other target builds on.
    .testTarget(name: "SquallValuesTests", dependencies: ["SquallValues"]),
    .testTarget(name: "SquallChecksTests", dependencies: ["SquallChecks"]),
    .testTarget(
      name: "SquallCompareTests",
      dependencies: [
        "SquallValues", "SquallCompare", "SquallTransport", "Squall", "SquallExamples", "SquallTestSupport",
      ]),
    .testTarget(
      name: "SquallRequestsTests",
      dependencies: [
        "SquallValues", "SquallRequests", "SquallStorage", "Squall", "SquallExamples", "SquallTestSupport",
        "SquallChecks",
      ], exclude: ["Fixtures"]),
    .testTarget(name: "SquallTransportTests", dependencies: ["SquallTransport", "SquallRequests", "Squall"]),
    .testTarget(
      name: "SquallPlaygroundTests",
      dependencies: [
        "SquallValues",
        "SquallPlayground", "SquallPlaygroundCore", "SquallRequests", "SquallLessons", "SquallCompare", "Squall",
        "SquallStorage", "SquallTransport", "SquallExamples", "SquallTestSupport",
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "SquallCLITests",
      dependencies: ["SquallValues", "squall", "Squall", "SquallStorage", "SquallExamples", "SquallTestSupport"]),
  ]
)
