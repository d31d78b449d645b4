import Foundation
import Squall
import SquallTesting
import Testing

/// A page for logged-in users: who they are comes from a signed cookie, as in Tornado's guide.
class UserPageHandler: RequestHandler {
  override func getCurrentUser() throws -> String? { try getSignedCookie("user") }
}

final class ProfileHandler: UserPageHandler {
  override func get() async throws {
    try await authenticated()
    write(["user": try currentUser])
  }

  override func post() async throws {
    try await authenticated()
    write("saved")
  }
}

final class SetUserInPrepareHandler: RequestHandler {
  override func prepare() async throws { setCurrentUser(getArgument("as", default: "")) }
  override func get() async throws {
    try await authenticated()
    write("hello \(try currentUser ?? "?")")
  }
}

/// `currentUser`, `getCurrentUser()` and `authenticated()`, as Tornado's `current_user`,
/// `get_current_user` and `@authenticated`.
@Suite struct AuthenticationTests {
  static let settings = Settings(cookieSecret: "s3cret", loginURL: "/login")
  static let app = Application(
    [("/profile", ProfileHandler.self), ("/prepared", SetUserInPrepareHandler.self)], settings: settings)

  static func userCookie(_ name: String) -> String {
    "user=\""
      + SignedValue.create(secret: "s3cret", name: "user", value: name, timestamp: Int(Date().timeIntervalSince1970))
      + "\""
  }

  @Test func nobodyIsSentToTheLoginPageWithNext() async throws {
    try await Self.app.test { client in
      let page = try await client.fetch("/profile?tab=1")
      #expect(page.code == 302)
      #expect(page.headers.first(name: "Location") == "/login?next=%2Fprofile%3Ftab%3D1", "Tornado's Location")
      let post = try await client.fetch("/profile", body: "")
      #expect(post.code == 403, "not a GET: 403, as Tornado")
    }
  }

  @Test func aLoggedInUserGetsThePage() async throws {
    try await Self.app.test { client in
      let page = try await client.fetch("/profile", headers: ["Cookie": Self.userCookie("Ada")])
      #expect(page.code == 200 && page.text == #"{"user": "Ada"}"#)
      let forged = try await client.fetch("/profile", headers: ["Cookie": "user=Ada"])
      #expect(forged.code == 302, "an unsigned cookie is nobody")
      let prepared = try await client.fetch("/prepared?as=Grace")
      #expect(prepared.text == "hello Grace", "set in prepare")
      let empty = try await client.fetch("/prepared?as=")
      #expect(empty.code == 302, "an empty name is nobody, as Tornado's `if not self.current_user`")
    }
  }

  @Test func aLoginURLElsewhereGetsTheFullURLAndNoLoginURLIs500() async throws {
    let elsewhere = Application(
      [("/profile", ProfileHandler.self)],
      settings: Settings(cookieSecret: "s3cret", loginURL: "https://login.example/"))
    try await elsewhere.test { client in
      let page = try await client.fetch("/profile")
      #expect(page.headers.first(name: "Location") == "https://login.example/?next=http%3A%2F%2F127.0.0.1%2Fprofile")
    }
    let none = Application([("/profile", ProfileHandler.self)], settings: Settings(cookieSecret: "s3cret"))
    try await none.test { client in
      let response = try await client.fetch("/profile")
      #expect(response.code == 500)
      #expect(client.logs.contains { $0.message.contains("authenticated() needs Settings(loginURL:)") })
    }
  }
}
