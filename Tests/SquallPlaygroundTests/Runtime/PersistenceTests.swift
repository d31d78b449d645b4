import Foundation
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// Saved routes are written atomically, a corrupt file is set aside and reported, and the log
/// exports as HAR 1.2.
@Suite struct PersistenceTests {
  func temporaryStore() throws -> StateStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("squall-test-\(UUID().uuidString)")
    return StateStore(directory: directory)
  }

  @Test func routesRoundTripAtomically() throws {
    let store = try temporaryStore()
    let routes = [
      MockRoute(method: "POST", pattern: "/items", status: 201, headers: ["X-A: 1"], body: "ok", delay: 0.5)
    ]
    try store.saveRoutes(routes)
    #expect(store.loadRoutes().routes == routes)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory.path)
    #expect(leftovers == ["routes.json"], "no temporary files remain")
  }

  @Test func aCorruptRoutesFileIsSetAsideNotLost() throws {
    let store = try temporaryStore()
    try store.write(Data("{not json".utf8), to: "routes.json")
    let (routes, problem) = store.loadRoutes()
    #expect(routes.isEmpty)
    #expect(problem?.contains("moved it to routes.json.corrupt-") == true)
    let files = try FileManager.default.contentsOfDirectory(atPath: store.directory.path)
    let aside = try #require(files.first { $0.hasPrefix("routes.json.corrupt-") })
    #expect(try String(contentsOf: store.directory.appendingPathComponent(aside), encoding: .utf8) == "{not json")
  }

  @Test func aStateFolderThatIsAFileGivesAMessageAndIsLeftAlone() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("squall-test-\(UUID().uuidString)")
    try Data("mine".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let store = StateStore(directory: file)
    #expect(store.loadRoutes().routes.isEmpty && store.loadRoutes().problem == nil)
    do {
      try store.saveRoutes([MockRoute(method: "GET", pattern: "/", status: 200, headers: [], body: "", delay: 0)])
      Issue.record("saving into a file as if it were a folder succeeded")
    } catch {
      #expect(
        store.saveProblem("the routes", error)
          == "Could not save the routes: could not write \(file.path)/routes.json: \(file.path) is a file, not a folder. "
          + "Make \(file.path) a folder you can write, or set XDG_STATE_HOME to one.")
    }
    #expect(try String(contentsOf: file, encoding: .utf8) == "mine", "the file is not touched")
  }

  @Test func aRoutesFileThatCannotBeReadIsSetAsideWithItsContents() throws {
    let store = try temporaryStore()
    let routes = store.directory.appendingPathComponent("routes.json")
    try FileManager.default.createDirectory(at: routes, withIntermediateDirectories: true)
    try Data("kept".utf8).write(to: routes.appendingPathComponent("inside"))
    let (loaded, problem) = store.loadRoutes()
    #expect(loaded.isEmpty)
    let message = try #require(problem)
    #expect(message.hasPrefix("Could not read \(routes.path) (Is a directory); moved it to routes.json.corrupt-"))
    #expect(message.hasSuffix(". Started with no routes."))
    let aside = try #require(
      try FileManager.default.contentsOfDirectory(atPath: store.directory.path).first {
        $0.hasPrefix("routes.json.corrupt-")
      })
    let kept = store.directory.appendingPathComponent(aside).appendingPathComponent("inside")
    #expect(try String(contentsOf: kept, encoding: .utf8) == "kept")
  }

  @Test func xdgStateHomeIsRespected() {
    let store = StateStore(environment: ["XDG_STATE_HOME": "/tmp/x", "HOME": "/home/u"])
    #expect(store.directory.path == "/tmp/x/squall")
    #expect(StateStore(environment: ["HOME": "/home/u"]).directory.path == "/home/u/.local/state/squall")
  }

  @Test func harExportIsValidHAR12() throws {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    let data = try HAR.data(Array(state.log.store.entries), creatorVersion: "0.1.0")
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let log = try #require(json["log"] as? [String: Any])
    #expect(log["version"] as? String == "1.2")
    let entries = try #require(log["entries"] as? [[String: Any]])
    #expect(entries.count == 5)
    let first = try #require(entries.first)
    let request = try #require(first["request"] as? [String: Any])
    #expect(request["url"] as? String == "http://127.0.0.1:8888/")
    #expect(request["method"] as? String == "GET")
    let response = try #require(first["response"] as? [String: Any])
    #expect(response["status"] as? Int == 200)
    let content = try #require(response["content"] as? [String: Any])
    #expect(content["text"] as? String == "Hello, world")
    #expect(
      (entries[2]["request"] as? [String: Any])?["queryString"] as? [[String: String]] == [
        ["name": "q", "value": "café"]
      ])
    #expect(first["startedDateTime"] as? String == "2025-11-25T12:00:01.000Z")
    for key in ["cache", "timings", "time"] { #expect(first[key] != nil, "HAR requires \(key)") }
  }
}
