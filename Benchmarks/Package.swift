// swift-tools-version:6.1
// Squall's benchmarks: a package of their own, so the library's users never pull benchmark
// dependencies. `./run.sh` prints the comparison tables; `swift package benchmark` runs the
// in-process benchmarks (allocations and instructions per request, routing, form parsing).
import PackageDescription

let package = Package(
  name: "SquallBenchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "Squall", path: ".."),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // The anchors and Squall, serving the same three routes: `/` (hello world), `POST /echo`
    // (the body back) and `/sleep` (answers after awaiting 10 ms).
    .executableTarget(
      name: "raw-nio-server",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
    // The WebSocket anchor (`ws_idle.sh`): the smallest SwiftNIO WebSocket echo on `/ws`, one
    // event loop.
    .executableTarget(
      name: "raw-nio-ws-server",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOWebSocket", package: "swift-nio"),
      ]
    ),
    .executableTarget(
      name: "hummingbird-server",
      dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
    ),
    .executableTarget(
      name: "squall-bench-server",
      dependencies: [
        .product(name: "Squall", package: "Squall"),
        .product(name: "NIOPosix", package: "swift-nio"),  // `--loops N`: a group of its own
      ]
    ),
    .executableTarget(
      name: "client-bench",
      dependencies: [
        .product(name: "Squall", package: "Squall"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ]
    ),
    .executableTarget(
      name: "ServerPipeline",
      dependencies: [
        .product(name: "Squall", package: "Squall"),
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      path: "Benchmarks/ServerPipeline",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
  ]
)
