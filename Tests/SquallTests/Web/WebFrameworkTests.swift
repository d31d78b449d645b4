import Foundation
import Squall
import SquallExamples
import SquallTestSupport
import Testing

final class ArgsHandler: RequestHandler {
  override func get(_ args: [String]) async throws {
    write("args=\(args) kwargs=\(pathKwargs.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" })")
  }
}

final class FormHandler: RequestHandler {
  override func post() async throws {
    let name = try getArgument("name")
    let tags = getArguments("tag")
    let query = getQueryArgument("q", default: "-")
    let files = request.files["upload"]?.map { "\($0.filename):\($0.body.count)" } ?? []
    write("name=\(name) tags=\(tags) q=\(query) files=\(files)")
  }
}

final class CookieHandler: RequestHandler {
  override func get() async throws {
    write("seen=\(getCookie("visit") ?? "none")")
    setCookie("visit", "1", options: CookieOptions(maxAge: 60, httpOnly: true))
    clearCookie("old")
  }
}

struct Item: Codable, Equatable {
  var id: Int
  var name: String
}

final class JSONHandler: RequestHandler {
  override func get() async throws { write(Item(id: 7, name: "seven")) }
}

final class TeapotHandler: RequestHandler {
  override func get() async throws { throw HTTPError(418, "for the log only") }
  override func writeError(_ statusCode: Int, error: (any Error)?) async throws {
    write(["error": statusCode])
  }
}

final class ReasonHandler: RequestHandler {
  override func get() async throws {
    switch getArgument("kind", default: "error") {
    case "error": throw HTTPError(404, reason: "Nope")
    case "status": setStatus(299, reason: "Fine Enough")
    default: setStatus(200, reason: "OK\r\nSet-Cookie: evil=1")
    }
  }
}

/// Strings where Tornado's `json_encode` and JSONEncoder's defaults differ: `/`, `</`, non-ASCII.
struct Escapes: Encodable {
  var path = "a/b"
  var html = "</script>"
  var name = "café ☕ 𝄞"
  var list = [1, 2]
}

final class EscapesHandler: RequestHandler {
  override func get() async throws { write(Escapes()) }
}

final class CrashHandler: RequestHandler {
  struct Boom: Error {}
  override func get() async throws { throw Boom() }
}

final class InjectHandler: RequestHandler {
  override func get() async throws {
    try await redirect("/safe\r\nSet-Cookie: evil=1")
  }
}

final class PrepareHandler: RequestHandler {
  override func prepare() async throws {
    if request.queryArguments["stop"].isEmpty == false {
      setStatus(403)
      write("stopped in prepare")
      try await finish()
    }
  }
  override func get() async throws { write("reached get") }
}

final class OnlyPostHandler: RequestHandler {
  override class var supportedMethods: [String] { ["POST"] }
  override func post() async throws { write("posted") }
}

final class RedirectingHandler: RequestHandler {
  override func get() async throws { try await redirect(try application.reverseURL("user", "ada lovelace")) }
}

@Suite struct WebFrameworkTests {
  static let app = Application(
    [
      url(#"/args/(\d+)/([a-z]+)"#, ArgsHandler.self),
      url(#"/named/(?P<year>\d{4})/(?P<slug>[^/]+)"#, ArgsHandler.self),
      url(#"/user/([^/]+)"#, ArgsHandler.self, name: "user"),
      url("/form", FormHandler.self),
      url("/cookie", CookieHandler.self),
      url("/json", JSONHandler.self),
      url("/teapot", TeapotHandler.self),
      url("/crash", CrashHandler.self),
      url("/inject", InjectHandler.self),
      url("/prepare", PrepareHandler.self),
      url("/only-post", OnlyPostHandler.self),
      url("/go", RedirectingHandler.self),
      url("/reason", ReasonHandler.self),
      url("/escapes", EscapesHandler.self),
    ], settings: Settings(logFunction: { _ in }))

  @Test func routesPassPositionalAndNamedCapturesDecoded() async throws {
    try await withServer(Self.app) { port, _ async throws in
      #expect(
        try await exchange(port, request("GET", "/args/42/abc")).first?.bodyText == "args=[\"42\", \"abc\"] kwargs=[]")
      #expect(
        try await exchange(port, request("GET", "/named/2026/hello%20world")).first?.bodyText
          == "args=[] kwargs=[\"slug:hello world\", \"year:2026\"]")
      // Full match: a longer path is not a match.
      #expect(try await exchange(port, request("GET", "/args/42/abc/more")).statuses == [404])
    }
  }

  @Test func argumentsFromQueryUrlencodedAndMultipartBodies() async throws {
    try await withServer(Self.app) { port, _ async throws in
      let urlencoded = try await exchange(
        port,
        request(
          "POST", "/form?q=search+term&tag=fromquery",
          headers: ["Content-Type: application/x-www-form-urlencoded"], body: "name=+Ada+&tag=a&tag=b%21"))
      #expect(urlencoded.first?.bodyText == "name=Ada tags=[\"fromquery\", \"a\", \"b!\"] q=search term files=[]")
      let boundary = "XyZ"
      let multipart = [
        "--\(boundary)", "Content-Disposition: form-data; name=\"name\"", "", "Grace",
        "--\(boundary)", "Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"",
        "Content-Type: text/plain", "", "hello file", "--\(boundary)--", "",
      ].joined(separator: "\r\n")
      let upload = try await exchange(
        port,
        request("POST", "/form", headers: ["Content-Type: multipart/form-data; boundary=\(boundary)"], body: multipart))
      #expect(upload.first?.bodyText == "name=Grace tags=[] q=- files=[\"a.txt:10\"]")
      let missing = try await exchange(port, request("POST", "/form", body: ""))
      #expect(missing.statuses == [400])
    }
  }

  @Test func cookiesAreReadSetAndCleared() async throws {
    try await withServer(Self.app) { port, _ async throws in
      let result = try await exchange(port, request("GET", "/cookie", headers: ["Cookie: visit=\"0\"; other=x"]))
      #expect(result.first?.bodyText == "seen=0")
      let cookies = result.first?.headers.filter { $0.0 == "Set-Cookie" }.map(\.1) ?? []
      #expect(cookies.contains("visit=1; Path=/; Max-Age=60; HttpOnly"))
      #expect(cookies.contains { $0.hasPrefix("old=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT") })
    }
  }

  @Test func jsonBodiesAndErrors() async throws {
    try await withServer(Self.app) { port, _ async throws in
      let json = try await exchange(port, request("GET", "/json"))
      #expect(json.first?.header("Content-Type") == "application/json; charset=UTF-8")
      let body = try #require(json.first?.body)
      #expect(try JSONDecoder().decode(Item.self, from: Data(body)) == Item(id: 7, name: "seven"))
      let teapot = try await exchange(port, request("GET", "/teapot"))
      #expect(teapot.statuses == [418])
      #expect(teapot.first?.bodyText == #"{"error": 418}"#, "Tornado's json_encode spacing")
      let crash = try await exchange(port, request("GET", "/crash"))
      #expect(crash.statuses == [500])
      #expect(
        crash.first?.bodyText
          == "<html><title>500: Internal Server Error</title><body>500: Internal Server Error</body></html>")
    }
  }

  @Test func headerInjectionIsRefusedWith500() async throws {
    try await withServer(Self.app) { port, _ async throws in
      let result = try await exchange(port, request("GET", "/inject"))
      #expect(result.statuses == [500])
      #expect(result.first?.header("Location") == nil)
      #expect(!(result.first?.headers.contains { $0.0 == "Set-Cookie" } ?? true))
    }
  }

  @Test func etagGives304AndPrepareCanFinishEarly() async throws {
    try await withServer(Self.app) { port, _ async throws in
      let first = try await exchange(port, request("GET", "/json"))
      let etag = try #require(first.first?.header("Etag"))
      let second = try await exchange(port, request("GET", "/json", headers: ["If-None-Match: \(etag)"]))
      #expect(second.statuses == [304])
      #expect(second.first?.body.isEmpty == true)
      let stopped = try await exchange(port, request("GET", "/prepare?stop=1"))
      #expect(stopped.statuses == [403])
      #expect(stopped.first?.bodyText == "stopped in prepare")
      #expect(try await exchange(port, request("GET", "/prepare")).first?.bodyText == "reached get")
    }
  }

  @Test func supportedMethodsGive405WithAllow() async throws {
    try await withServer(Self.app) { port, _ async throws in
      let result = try await exchange(port, request("GET", "/only-post"))
      #expect(result.statuses == [405])
      #expect(result.first?.header("Allow") == "POST")
    }
  }

  @Test func customReasonPhrasesReachTheWireAndUnsafeOnesDoNot() async throws {
    try await withServer(Self.app) { port, _ async throws in
      let error = try await exchange(port, request("GET", "/reason?kind=error"))
      #expect(error.statuses == [404] && error.first?.reason == "Nope")
      #expect(error.first?.bodyText == "<html><title>404: Nope</title><body>404: Nope</body></html>")
      let status = try await exchange(port, request("GET", "/reason?kind=status"))
      #expect(status.statuses == [299] && status.first?.reason == "Fine Enough")
      let unsafe = try await exchange(port, request("GET", "/reason?kind=unsafe"))
      #expect(unsafe.statuses == [200] && unsafe.first?.reason == "Unknown", "as Tornado's set_status")
      #expect(unsafe.first?.header("Set-Cookie") == nil)
    }
  }

  @Test func a405ListsTheAllowedMethods() async throws {
    let hello = Examples.named("hello")!.makeApp(Settings(logFunction: { _ in }))
    try await withServer(hello) { port, _ async throws in
      let post = try await exchange(port, request("POST", "/", body: "a=1"))
      #expect(post.statuses == [405] && post.first?.header("Allow") == "GET")
    }
    try await withServer(Self.app) { port, _ async throws in
      // A handler that does not declare supportedMethods lists the rest of them.
      let put = try await exchange(port, request("PUT", "/json", body: ""))
      #expect(put.statuses == [405])
      #expect(put.first?.header("Allow") == "GET, HEAD, POST, DELETE, PATCH, OPTIONS")
    }
  }

  @Test func jsonIsWrittenAsTornadosJsonEncodeWritesIt() async throws {
    try await withServer(Self.app) { port, _ async throws in
      let body = try await exchange(port, request("GET", "/escapes")).first?.bodyText
      #expect(
        body == #"{"html": "<\/script>", "list": [1, 2], "name": "caf\u00e9 \u2615 \ud834\udd1e", "path": "a/b"}"#)
    }
    #expect(
      TornadoJSON.encode(compact: Array(#"{"a":"x, y: z","b":[1,{"c":null}]}"#.utf8))
        == Array(#"{"a": "x, y: z", "b": [1, {"c": null}]}"#.utf8), "separators inside strings stay")
  }

  @Test func reverseURLAndRedirect() async throws {
    #expect(try Self.app.reverseURL("user", "ada") == "/user/ada")
    #expect(throws: ReverseURLError.self) { try Self.app.reverseURL("nobody") }
    try await withServer(Self.app) { port, _ async throws in
      let result = try await exchange(port, request("GET", "/go"))
      #expect(result.statuses == [302])
      #expect(result.first?.header("Location") == "/user/ada%20lovelace")
    }
  }

  @Test func staticFilesWithEtagRangesAndNoTraversal() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-static-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("0123456789".utf8).write(to: folder.appendingPathComponent("digits.txt"))
    let app = Application([URLSpec]([]), settings: Settings(staticPath: folder.path, logFunction: { _ in }))
    try await withServer(app) { port, _ async throws in
      let file = try await exchange(port, request("GET", "/static/digits.txt"))
      #expect(file.first?.bodyText == "0123456789")
      #expect(file.first?.header("Content-Type") == "text/plain")
      let etag = try #require(file.first?.header("Etag"))
      #expect(
        try await exchange(port, request("GET", "/static/digits.txt", headers: ["If-None-Match: \(etag)"])).statuses
          == [304])
      let range = try await exchange(port, request("GET", "/static/digits.txt", headers: ["Range: bytes=2-4"]))
      #expect(range.statuses == [206])
      #expect(range.first?.bodyText == "234")
      #expect(range.first?.header("Content-Range") == "bytes 2-4/10")
      #expect(
        try await exchange(port, request("GET", "/static/digits.txt", headers: ["Range: bytes=50-"])).statuses == [416])
      #expect(
        try await exchange(port, request("GET", "/static/../../etc/passwd")).statuses.first.map {
          $0 == 403 || $0 == 404
        } == true)
      #expect(try await exchange(port, request("GET", "/static/%2e%2e/%2e%2e/etc/passwd")).statuses == [403])
      #expect(try await exchange(port, request("GET", "/static/nope.txt")).statuses == [404])
    }
  }
}
