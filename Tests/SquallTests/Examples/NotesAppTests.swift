import Foundation
import NIOHTTP1
import Squall
import SquallExamples
import SquallTesting
import Testing

/// The guide's app (`Tutorials/Examples/NotesApp`), tested as its author would with
/// SquallTesting: log in, post a note through the JSON API, read it back, see the page.
@Suite struct NotesAppTests {
  static func app() -> Application { makeNotesApp(cookieSecret: "test-secret", templatePath: notesTemplatePath) }

  /// `name=value` of the response's `Set-Cookie` for `name`.
  static func cookie(_ name: String, in response: HTTPResponse) throws -> String {
    let header = try #require(response.headers["Set-Cookie"].first { $0.hasPrefix("\(name)=") }, "\(name) is set")
    return String(header.prefix { $0 != ";" })
  }

  @Test(arguments: [TestMode.inProcess, .live()]) func anAuthorLogsInPostsAndReads(_ mode: TestMode) async throws {
    try await Self.app().test(mode) { client in
      let home = try await client.fetch("/", followRedirects: false)
      #expect(home.code == 302 && home.headers.first(name: "Location") == "/login?next=%2F", "log in first")

      let form = try await client.fetch("/login")
      let xsrf = try Self.cookie("_xsrf", in: form)
      let token = String(xsrf.dropFirst("_xsrf=".count))
      let login = try await client.fetch(
        "/login", headers: ["Cookie": xsrf, "Content-Type": "application/x-www-form-urlencoded"],
        body: "name=Ada&next=%2F&_xsrf=\(token)", followRedirects: false)
      #expect(login.code == 302 && login.headers.first(name: "Location") == "/")
      let user = try Self.cookie("user", in: login)
      let author: HTTPHeaders = ["Cookie": "\(xsrf); \(user)", "X-Xsrftoken": token]

      let noToken = try await client.fetch("/api/notes", headers: ["Cookie": user], json: ["text": "x"])
      #expect(noToken.code == 403, "no XSRF token")
      let nobody = try await client.fetch(
        "/api/notes", headers: ["Cookie": xsrf, "X-Xsrftoken": token], json: ["text": "x"])
      #expect(nobody.code == 403, "nobody logged in")
      let typo = try await client.fetch("/api/notes", headers: author, json: ["txt": "typo"])
      #expect(typo.code == 400)

      let created = try await client.fetch("/api/notes", headers: author, json: ["text": "<b>hi</b> & bye"])
      #expect(created.code == 201)
      #expect(created.headers.first(name: "Location") == "/api/notes/1")
      #expect(created.text == #"{"id": 1, "author": "Ada", "text": "<b>hi<\/b> & bye"}"#, "Tornado's </ escape")
      let list = try await client.fetch("/api/notes")
      #expect(list.text == #"{"count": 1, "notes": [{"id": 1, "author": "Ada", "text": "<b>hi<\/b> & bye"}]}"#)
      let one = try await client.fetch("/api/notes/1")
      #expect(one.code == 200)
      let none = try await client.fetch("/api/notes/9")
      #expect(none.code == 404)
      let notANumber = try await client.fetch("/api/notes/1x")
      #expect(notANumber.code == 404, "the route wants digits")

      let page = try await client.fetch("/", headers: author)
      #expect(page.code == 200)
      #expect(page.text.contains("<title>Notes of Ada</title>"))
      #expect(page.text.contains("<li><b>Ada</b>: &lt;b&gt;hi&lt;/b&gt; &amp; bye</li>"), "autoescaped")
      #expect(page.text.contains(#"name="_xsrf""#))
    }
  }
}
