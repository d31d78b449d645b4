// A small app built the way a Swift developer fresh from Tornado's user guide would build one,
// with Squall's public API only (`import Squall`, no `package` names): a JSON API of notes, a
// login with a signed cookie, an HTML page rendered from a template with XSRF protection, and
// a shutdown hook. Its tests (Tests/SquallTests/Examples/NotesAppTests.swift) use SquallTesting.
// The guide "Build an app with Squall" walks through it.
import Foundation
import Squall

/// The notes, shared by every request (an actor: handlers run on many event loops at once).
public actor NoteStore {
  public struct Note: Sendable {
    public var id: Int
    public var author: String
    public var text: String
  }

  private var notes: [Note] = []

  public init() {}

  public func add(author: String, text: String) -> Note {
    let note = Note(id: notes.count + 1, author: author, text: text)
    notes.append(note)
    return note
  }

  public func all() -> [Note] { notes }

  public func note(_ id: Int) -> Note? { notes.first { $0.id == id } }
}

extension NoteStore.Note: JSONRepresentable {
  /// `{"id": 1, "author": "Ada", "text": "…"}`, as the API writes a note.
  public var jsonValue: JSONValue { JSONValue(["id": id, "author": author, "text": text]) }
}

/// What every page of the app shares: who is logged in comes from the signed `user` cookie.
public class NotesBaseHandler: RequestHandler, TypedInitialize {
  public struct Arguments: Sendable {
    public var store: NoteStore
  }

  var store = NoteStore()

  public func initialize(_ arguments: Arguments) { store = arguments.store }

  public override func getCurrentUser() throws -> String? { try getSignedCookie("user") }
}

/// `GET /api/notes`: every note; `POST /api/notes` (logged in): a new one from `{"text": …}`.
public final class NotesHandler: NotesBaseHandler {
  public override func get() async throws {
    let notes = await store.all()
    write(["count": notes.count, "notes": notes.map(\.jsonValue)])
  }

  public override func post() async throws {
    try await authenticated()
    struct NewNote: Decodable { var text: String }
    guard let new = try? JSONDecoder().decode(NewNote.self, from: Data(request.body)), !new.text.isEmpty else {
      throw HTTPError(400, "a note is {\"text\": \"…\"}", reason: "Bad Note")
    }
    let note = await store.add(author: try currentUser ?? "?", text: new.text)
    setStatus(201)
    setHeader("Location", "/api/notes/\(note.id)")
    write(note.jsonValue)
  }
}

/// `GET /api/notes/N`: one note, or 404.
public final class NoteHandler: NotesBaseHandler {
  public override func get(_ args: [String]) async throws {
    guard let note = await store.note(try pathArgument(0, as: Int.self)) else { throw HTTPError(404) }
    write(note.jsonValue)
  }
}

/// `POST /login` with `name=…`: the signed cookie that says who you are.
public final class LoginHandler: NotesBaseHandler {
  public override func get() async throws {
    write("<form method=post>\(xsrfFormHTML())<input name=name><button>Log in</button></form>")
  }

  public override func post() async throws {
    let name = try getArgument("name")
    try setSignedCookie("user", name)
    try await redirect(getArgument("next", default: "/"))
  }
}

/// `GET /`: the notes as an HTML page, from `templates/index.html`.
public final class HomeHandler: NotesBaseHandler {
  public override func get() async throws {
    try await authenticated()
    let notes = await store.all().map { ["author": $0.author, "text": $0.text] }
    try await render("index.html", ["notes": notes, "count": notes.count])
  }
}

/// The app: its routes, its settings, one store for every handler.
public func makeNotesApp(cookieSecret: String, templatePath: String, store: NoteStore = NoteStore()) -> Application {
  let arguments = NotesBaseHandler.Arguments(store: store)
  return Application(
    [
      url("/", HomeHandler.self, arguments),
      url("/login", LoginHandler.self, arguments),
      url("/api/notes", NotesHandler.self, arguments),
      url(#"/api/notes/([0-9]+)"#, NoteHandler.self, arguments),
    ],
    settings: Settings(
      cookieSecret: cookieSecret, xsrfCookies: true, loginURL: "/login", templatePath: templatePath))
}

/// The folder of this app's templates in a checkout of Squall.
public let notesTemplatePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("templates").path
