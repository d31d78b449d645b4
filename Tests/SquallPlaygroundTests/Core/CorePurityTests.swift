import Foundation
import Testing

/// The playground's core is pure by its module graph, not by convention: every target it
/// depends on, read from Package.swift, is scanned for file, process, environment and network
/// access. A file read or a `Process` added anywhere in that closure fails here; such code
/// belongs in SquallStorage, SquallTransport or the runtime.
struct CorePurityTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// What does I/O or reads the process's surroundings, as written in Swift.
  static let forbidden = [
    "FileManager", " Process(", "Foundation.Process", "ProcessInfo", "getenv", "posix_spawn", "NSHomeDirectory",
    "fopen(",
    "Data(contentsOf", "String(contentsOf", "contentsOfFile", ".write(to:", "write(toFile", "FileHandle",
    "usleep", "Thread.sleep", "DispatchQueue", "import NIO", "import Glibc", "import Darwin", "import CNcurses",
    "URLSession", "socket(",
  ]

  /// The package's targets and the package targets each depends on (products left out).
  static func targetGraph() throws -> [String: [String]] {
    let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
    var graph: [String: [String]] = [:]
    let declarations = manifest.components(separatedBy: ".target(").dropFirst()
    for declaration in declarations {
      // Up to the next declaration of any kind: its name, then its first dependency list.
      let chunk = declaration.split(separator: /\.(executableTarget|testTarget|systemLibrary)\(/).first ?? ""
      guard let name = chunk.firstMatch(of: /name: "([A-Za-z]+)"/)?.1 else { continue }
      var dependencies: [String] = []
      if let list = chunk.firstMatch(of: /dependencies: \[([^\]]*)\]/)?.1 {
        let withoutProducts = list.replacing(/\.product\([^)]*\)/, with: "")
        dependencies = withoutProducts.matches(of: /"([A-Za-z]+)"/).map { String($0.1) }
      }
      graph[String(name)] = dependencies
    }
    return graph
  }

  @Test func theCoresDependencyClosureDoesNoIO() throws {
    let graph = try Self.targetGraph()
    #expect(graph["SquallPlaygroundCore"] != nil, "Package.swift declares SquallPlaygroundCore as .target(")
    var closure: Set<String> = []
    var pending = ["SquallPlaygroundCore"]
    while let next = pending.popLast() {
      guard closure.insert(next).inserted else { continue }
      pending += graph[next] ?? []
    }
    // The I/O targets stay outside: were one of them pulled in, the scan below would catch it
    // too, but the message here says which edge is wrong.
    for io in ["Squall", "SquallStorage", "SquallTransport", "SquallPlayground", "CNcurses"] {
      #expect(!closure.contains(io), "the core depends on \(io), which does I/O")
    }
    #expect(closure.isSuperset(of: ["SquallValues", "SquallRequests", "SquallLessons", "SquallCompare"]))
    var scanned = 0
    for target in closure.sorted() {
      let folder = Self.root.appendingPathComponent("Sources/\(target)")
      let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
      // Embedded*.swift are generated string literals (lesson and twin sources), not code.
      for file in files where file.hasSuffix(".swift") && !file.hasPrefix("Embedded") {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        scanned += 1
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
          let code = String(line).trimmingCharacters(in: .whitespaces)
          guard !code.hasPrefix("//") else { continue }
          for word in Self.forbidden where code.contains(word) {
            Issue.record("Sources/\(target)/\(file):\(number + 1) uses \(word): I/O belongs outside the core")
          }
        }
      }
    }
    #expect(scanned > 100, "the scan found the core's files")
  }
}
