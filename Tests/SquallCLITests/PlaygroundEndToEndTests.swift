import Foundation
import SquallTestSupport
import Testing

/// The real `squall` binary in tmux: first frame, keys, requests from outside, resize, quit.
@Suite(.serialized, .enabled(if: TmuxSession.available || TmuxSession.required, "tmux is not installed"))
final class PlaygroundEndToEndTests {
  let squall = productsDirectory.appendingPathComponent("squall").path
  let stateHome = FileManager.default.temporaryDirectory.appendingPathComponent("squall-e2e-\(UUID().uuidString)").path

  /// Every test removes what it wrote, also when it fails (its tmux server goes with its session).
  deinit {
    for suffix in ["", ".before", ".after", ".body", ".frame"] {
      try? FileManager.default.removeItem(atPath: stateHome + suffix)
    }
  }

  func fetch(_ arguments: String...) async throws -> ProgramResult {
    try await runProgram(squall, ["fetch"] + arguments)
  }

  /// Starts the playground in a shell inside tmux, recording `stty -a` before it.
  func launch(port: Int, width: Int = 120, height: Int = 40, extra: String = "", environment: String = "") async throws
    -> TmuxSession
  {
    try #require(TmuxSession.available, "tmux is required: apt-get install tmux")
    try #require(FileManager.default.isExecutableFile(atPath: squall), "build squall first")
    let session = try await TmuxSession.start(width: width, height: height)
    try await session.run(
      "stty -a > \(stateHome).before; \(environment) XDG_STATE_HOME=\(stateHome) \(squall) --port \(port) \(extra); code=$?; stty -a > \(stateHome).after; printf 'SHELL-IS-%s (squall exited %s)\\n' BACK $code"
    )
    return session
  }

  @Test func aLearnerSessionFromFirstFrameToQuit() async throws {
    let started = Date()
    let session = try await launch(port: 0)
    // The four panes, the server running and the focused pane's keys in the keys bar.
    try await session.waitFor(all: [
      "F1 Server", "F2 Request builder", "F3 Log", "F4 Lessons", "running on http://127.0.0.1:", "Enter open",
    ])
    let firstFrame = Date().timeIntervalSince(started)
    let port = try await session.boundPort()
    // A first launch starts in the Lessons pane ("Press Enter to start lesson 1"); F1 the server.
    try await session.waitFor(text: "┏━ ▶ F4 Lessons")
    try await session.keys("F1")
    try await session.waitFor(text: "s start/stop")
    print("first frame with the server listening after \(Int(firstFrame * 1000)) ms (includes tmux and shell start)")

    // Help overlay lists the keys of the pane and of everywhere, Escape closes it.
    try await session.keys("?")
    try await session.waitFor("the help overlay") {
      $0.contains("Keys (Esc closes)") && $0.contains("close_all_connections()") && $0.contains("In a text field")
    }
    try await session.keys("Escape")
    try await session.waitFor("help closed") { !$0.contains("Keys (Esc closes)") }

    // A request from outside shows up in the log pane.
    let hello = try await fetch(":\(port)/", "-q")
    #expect(hello.output == "Hello, world")
    try await session.waitFor("the GET in the log") {
      $0.contains("← GET     /") && $0.contains("200    12 B")
    }

    // The builder sends one too: → and ← lines.
    try await session.keys("Tab", "C-r")
    try await session.waitFor("the builder's fetch") { $0.contains("→ GET     :\(port)/ ") }

    // Add a route in the route editor; the server restarts with it.
    try await session.keys("F1", "a")
    try await session.waitFor(text: "New route")
    try await session.keys("Enter")
    try await session.waitFor(text: "GET /hello/([^/]+)  →  200")
    var greeting = try await fetch(":\(port)/hello/Ada", "-q")
    for _ in 0..<40 where greeting.output != "Hello, Ada!" {
      try await Task.sleep(for: .milliseconds(100))
      greeting = try await fetch(":\(port)/hello/Ada", "-q")
    }
    #expect(greeting.output == "Hello, Ada!")
    try await session.waitFor(text: "/hello/Ada")

    // Expand the exchange: parsed request and response, raw bytes.
    try await session.keys("F3", "End", "Enter")
    try await session.waitFor(text: "GET /hello/Ada HTTP/1.1")
    try await session.keys("NPage")
    try await session.waitFor(text: "Raw bytes both ways")
    try await session.waitFor(text: "GET /hello/Ada HTTP/1.1␍␊")
    try await session.keys("Escape")

    // Stop and start the server.
    try await session.keys("F1", "s")
    try await session.waitFor(text: "○ stopped")
    #expect(try await fetch(":\(port)/", "-q").status != 0)
    try await session.keys("s")
    try await session.waitFor(text: "● running on")

    // Resize: 80x24 still lays out, smaller says so, larger comes back.
    try await session.resize(width: 80, height: 24)
    try await session.waitFor("the 80x24 layout") {
      $0.contains("F4 Lessons") && $0.split(separator: "\n").first.map { $0.count <= 80 } == true
    }
    try await session.resize(width: 60, height: 20)
    try await session.waitFor(text: "Terminal too small: 60x20.")
    try await session.resize(width: 200, height: 60)
    try await session.waitFor(text: "F4 Lessons")

    // Quit: the shell is back and the terminal settings are unchanged.
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
    let before = try String(contentsOfFile: stateHome + ".before", encoding: .utf8)
    let after = try String(contentsOfFile: stateHome + ".after", encoding: .utf8)
    // The window size changed on purpose; every setting must be as before.
    func settings(_ text: String) -> String { text.split(separator: "\n").dropFirst().joined(separator: "\n") }
    #expect(settings(before) == settings(after), "stty -a changed:\n\(before)\n---\n\(after)")
    // The route was saved for next time.
    let saved = try String(contentsOfFile: stateHome + "/squall/routes.json", encoding: .utf8)
    let routes = try JSONSerialization.jsonObject(with: Data(saved.utf8)) as? [[String: Any]]
    #expect(routes?.first?["pattern"] as? String == "/hello/([^/]+)")
  }

  @Test func aLearnerComposesAJSONPostInTheBuilder() async throws {
    let session = try await launch(port: 0, extra: "--example echo --collection \(stateHome)/requests")
    let port = try await session.boundPort()
    try await session.waitFor(text: "echo (answers with the request as JSON)")
    // Focus the builder, zoom it, point the URL at /echo.
    try await session.keys("F2", "z", "u", "C-u")
    try await session.type("{{base}}/echo?lesson=9")
    try await session.keys("Escape")
    try await session.waitFor(text: "→ http://127.0.0.1:\(port)/echo?lesson=9")
    try await session.waitFor(text: "Ctrl-R send · Enter edit")  // the URL field is closed
    // A custom header, with name completion.
    try await session.keys("2", "a")
    try await session.type("content-t")
    try await session.waitFor(text: "content-t▏ype (Tab)")
    try await session.keys("C-u", "Escape")  // emptied, the new row is dropped (Esc keeps what is typed)
    try await session.waitFor(text: "Ctrl-R send · Enter edit")
    try await session.keys("a")
    try await session.type("X-Lesson")
    try await session.keys("Tab")
    try await session.type("9")
    try await session.keys("Enter")
    try await session.waitFor(text: "☑ X-Lesson: 9")
    // A JSON body, typed over two lines; the method follows (POST).
    try await session.keys("3", "k", "k")
    try await session.waitFor(text: "kind: json")
    try await session.keys("e", "C-u", "BSpace", "C-u", "BSpace", "C-u")  // the template "{\n  \n}" away
    try await session.type("{\"name\": \"Ada\",")
    try await session.keys("Enter")
    try await session.type("\"n\": 1.0}")
    try await session.keys("Escape")
    try await session.waitFor(text: "✓ valid JSON")
    try await session.waitFor(text: "POST ▾")
    // Send: the response view shows the echo, status first, and the body as typed (1.0 kept).
    try await session.keys("C-r")
    try await session.waitFor(all: [
      "200 OK", "\"method\": \"POST\"", "\"X-Lesson\": \"9\"", #""body": "{\"name\": \"Ada\",\n\"n\": 1.0}""#,
    ])
    // The headers tab: what came back and what went out.
    try await session.keys("]")
    try await session.waitFor(all: [
      "Sent (as on the wire):", "POST /echo?lesson=9 HTTP/1.1", "Content-Type: application/json; charset=UTF-8",
      "host: 127.0.0.1:\(port)",
    ])
    // The log pane: the → entry with the request line and headers as sent.
    try await session.keys("z", "F3", "End", "z")
    try await session.waitFor(text: "→ POST    :\(port)/echo?lesson=9")
    try await session.keys("Up", "Enter")
    try await session.waitFor(all: ["POST /echo?lesson=9 HTTP/1.1", "X-Lesson: 9", "Content-Type: application/json"])
    // Save it to the collection; `squall requests` sees the same file.
    try await session.keys("Escape", "z", "F2", "w")
    try await session.type("post json")
    try await session.keys("Enter")
    try await session.waitFor(text: "Saved \"post json\"")
    let listed = try await runProgram(squall, ["requests", "list", "--collection", "\(stateHome)/requests"])
    #expect(listed.output == "post json\tPOST\t{{base}}/echo?lesson=9\n")
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  /// W shows the bytes the request would put on the wire, built by the real client and sent
  /// nowhere; they follow an edit of the URL.
  @Test func theWireBytesFollowTheRequest() async throws {
    let session = try await launch(port: 0)
    let port = try await session.boundPort()
    try await session.keys("F2", "z", "W")
    try await session.waitFor(all: ["GET / HTTP/1.1", "host: 127.0.0.1:\(port)", "Accept-Encoding: gzip"])
    try await session.keys("u", "C-u")
    try await session.type("{{base}}/echo?x=1")
    try await session.keys("Escape")
    try await session.waitFor(text: "GET /echo?x=1 HTTP/1.1")
    try await session.keys("W")
    try await session.waitFor(text: "Wire bytes hidden.")
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  /// A redirect the builder's client follows is listed in the Timing tab: status, from, to.
  @Test func theRedirectsFollowedAreListed() async throws {
    let session = try await launch(port: 0, extra: "--example echo")
    let port = try await session.boundPort()
    try await session.keys("F2", "z", "u", "C-u")
    try await session.type("{{base}}/redirect")
    try await session.keys("Escape", "C-r")
    try await session.waitFor(text: "200 OK")
    try await session.keys("]", "]", "]")  // Body, Headers, Raw, Timing
    try await session.waitFor(all: [
      "redirects followed (1):", "1. 302 Found at", "http://127.0.0.1:\(port)/redirect → /",
    ])
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  @Test func oneWayToWorkInEveryPane() async throws {
    let session = try await launch(port: 0, extra: "--example echo")
    let port = try await session.boundPort()
    // tmux keeps what an application puts on the clipboard (OSC 52) as a paste buffer.
    try await session.tmux(["set-option", "-g", "set-clipboard", "on"])
    try await session.waitFor(text: "echo (answers with the request as JSON)")
    // A key that does not apply says where it works.
    try await session.keys("F2", "6", "k")
    try await session.waitFor(text: "k: the body kind: none, raw, JSON, form, multipart — it works in the Body section")
    // Enter in Options edits the row; typing replaces the value; Ctrl-R sends.
    try await session.keys("5", "Enter")
    try await session.waitFor(text: "type a value (empty: default) · Enter save · Esc cancel")
    try await session.type("3")
    try await session.keys("Enter")
    try await session.waitFor(text: "requestTimeout = 3")
    try await session.keys("u", "C-u")
    try await session.type("{{base}}/echo")
    try await session.keys("Escape", "C-r")
    try await session.waitFor(all: ["200 OK", "\"method\": \"GET\""])
    // y on the Headers tab: the Content-Type line in view is offered first; Enter copies it.
    try await session.keys("]", "Down", "y")
    try await session.waitFor(text: "Copy a value into a variable")
    try await session.type("content-type")
    try await session.keys("Enter")
    try await session.waitFor(text: "{{content_type}} = application/json; charset=UTF-8 — a builder variable now")
    let buffer = try await session.tmux(["show-buffer"])
    #expect(buffer == "application/json; charset=UTF-8")
    // The palette: "har" finds the HAR export, Enter runs it in the Log pane.
    try await session.keys("C-p")
    try await session.waitFor(text: "Commands:")
    try await session.type("har")
    try await session.keys("Enter")
    // A long message wraps in the status bar: read it whole.
    let exported = LearnerWalkTests.normalized("Exported 2 exchanges to \(stateHome)/squall/squall-")
    try await session.waitFor("the HAR export's message") {
      LearnerWalkTests.normalized(LearnerWalkTests.statusBar($0)).contains(exported)
    }
    try await session.waitFor("the Log pane focused") { $0.contains("┏━ ▶ F3 Log") }
    // Letters typed in a field are text: HOST in a header name opens no history.
    try await session.keys("F2", "2", "a")
    try await session.type("HOST")
    try await session.waitFor(text: "HOST▏")
    try await session.keys("Escape")
    #expect(try await session.capture().contains("→ GET     :\(port)/echo"))
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  /// T starts the Tornado reference; = compares; the Compare tab shows both answers, the
  /// documented difference labelled; the timeline shows the exchanges.
  @Test(.enabled(if: TornadoAvailable.now, "needs `pip install tornado`"))
  func theCompareTabShowsTheTwinBesideTornado() async throws {
    let session = try await launch(port: 0, environment: TornadoAvailable.environment)
    _ = try await session.boundPort()
    try await session.keys("F1", "T")
    try await session.waitFor(text: "Tornado 6.6.1 reference on :")
    try await session.keys("F2", "=")
    try await session.waitFor(all: ["[Compare]", "= framing: length", "Compared: The same on the wire"])
    try await session.keys("m", "Down", "Enter", "=")
    try await session.waitFor(all: ["≈ Allow: Squall's 405 names the", "Tornado: — · Squall: GET"])
    try await session.waitFor(text: "Compared: The same apart from one documented difference (see README)")
    // Zoomed, the Compare tab has room for its columns.
    try await session.keys("z")
    try await session.waitFor(text: "  Allow           documented  Squall's 405 names the allowed methods")
    try await session.keys("Escape", "F1", "T")
    try await session.waitFor(text: "Tornado reference stopped.")
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  /// Keys as other terminals send them, and one no terminal should: at 80x24, in the URL
  /// field, an unknown sequence types nothing and closes nothing; xterm's Home and End (which
  /// tmux's terminfo does not list, so curses leaves them to Squall's decoder) move the cursor.
  @Test func unknownKeySequencesTypeNothingInAField() async throws {
    let session = try await launch(port: 0, width: 80, height: 24)
    let port = try await session.boundPort()
    try await session.keys("F2", "u", "C-u")
    try await session.type("{{base}}/ab")
    try await session.tmux(["send-keys", "-t", session.name, "-H", "1b", "5b", "39", "39", "7e"])  // ESC [ 9 9 ~
    try await session.waitFor(all: ["Ignored a key", "\\e[99~"])
    try await session.type("c")
    try await session.tmux(["send-keys", "-t", session.name, "-H", "1b", "5b", "48"])  // ESC [ H: Home
    try await session.tmux(["send-keys", "-t", session.name, "-H", "1b", "5b", "46"])  // ESC [ F: End
    try await session.type("d")
    try await session.keys("Enter")
    try await session.waitFor(text: "→ http://127.0.0.1:\(port)/abcd")
    try await session.waitFor(text: "GET ▾ {{base}}/abcd ")  // nothing of the sequences was typed
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  @Test func hostileBytesDoNotDisturbTheScreen() async throws {
    let session = try await launch(port: 0)
    let port = try await session.boundPort()
    // A body of escape sequences, NUL, invalid UTF-8 and a 1 MB line, sent to the hosted server.
    let file = stateHome + ".body"
    var body = Data("\u{1B}[2J\u{1B}[31mRED\u{1B}]0;pwned\u{07}\u{1B}[?1049l".utf8)
    body.append(contentsOf: [0x00, 0xFF, 0xFE, 0x0D])
    body.append(Data(repeating: UInt8(ascii: "A"), count: 1_048_576))
    try body.write(to: URL(fileURLWithPath: file))
    _ = try await fetch(":\(port)/", "-d", "@\(file)", "-H", "Content-Type: text/plain", "-q")
    try await session.waitFor(text: "← POST    /")
    try await session.keys("F3", "Enter", "z")
    // A body with NUL bytes is shown as hex, inside an intact frame and status bar. One wait for
    // all of it: tmux can capture a frame that curses is still drawing.
    let screen = try await session.waitFor("the body as hex in an intact frame") { screen in
      let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
      return screen.contains("(body, \(body.count) bytes)")
        && screen.contains("0000  1b 5b 32 4a 1b 5b 33 31 6d 52 45 44")
        && lines.first?.hasPrefix("┏━ ▶ F3 Log") == true
        && lines.contains { $0.contains("http://127.0.0.1:\(port)") }
    }
    #expect(!screen.contains("pwned\u{07}"))
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  /// Waits until tmux shows exactly the frame the playground last drew (`SQUALL_FRAME_DUMP`),
  /// row by row: where the two disagree on a character's width, a row shifts or keeps debris
  /// of an earlier frame, and the wait fails showing the rows that differ.
  func expectScreenMatchesFrame(_ session: TmuxSession, _ step: String) async throws {
    func rows(_ text: String) -> [String] {
      text.split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0.reversed().drop { $0 == " " }.reversed())
      }
    }
    var (screen, frame) = ([String](), [String]())
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      screen = rows(try await session.capture())
      frame = rows((try? String(contentsOfFile: stateHome + ".frame", encoding: .utf8)) ?? "")
      while screen.last == "" && screen.count > frame.count { screen.removeLast() }
      if !frame.isEmpty && screen == frame { return }
      try await Task.sleep(for: .milliseconds(50))
    }
    let differing = zip(screen, frame).enumerated().filter { $0.element.0 != $0.element.1 }.prefix(5)
    let report = differing.map { row, pair in "row \(row)\n  tmux:  \(pair.0)\n  drawn: \(pair.1)" }
    let message =
      "\(step): tmux shows another screen than the playground drew (\(screen.count) and \(frame.count) rows):\n"
      + report.joined(separator: "\n")
    Issue.record(Comment(rawValue: message))
  }

  @Test func wideAndJoinedCharactersLeaveNoDebris() async throws {
    let session = try await launch(
      port: 0, extra: "--example echo", environment: "SQUALL_FRAME_DUMP=\(stateHome).frame")
    let port = try await session.boundPort()
    let text = [
      "family 👨\u{200D}👩\u{200D}👧 and 👩\u{200D}💻 at work", "wide 漢字かな 한국어 ｆｕｌｌ", "marks e\u{301}e\u{301} n\u{303}o",
      "emoji ⚡🎉🚀 ❤️ ✔️ flags 🇫🇷🇯🇵", "joiner a\u{200D}b, zero-width x\u{200B}y",
      String(repeating: "🎉漢e\u{301}👨\u{200D}👩 ", count: 40),
    ].joined(separator: "\n")
    let file = stateHome + ".body"
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    _ = try await fetch(":\(port)/echo", "-d", "@\(file)", "-H", "Content-Type: text/plain; charset=utf-8", "-q")
    try await session.waitFor(text: "← POST    /echo")
    try await expectScreenMatchesFrame(session, "the log line")
    // The expanded entry, full width and zoomed, at several scroll positions, then closed.
    try await session.keys("F3", "Enter")
    try await session.waitFor(text: "family 👨")
    try await expectScreenMatchesFrame(session, "the entry expanded")
    try await session.keys("z")
    try await expectScreenMatchesFrame(session, "zoomed")
    for key in ["Down", "Down", "NPage", "PPage", "Up"] {
      try await session.keys(key)
      try await expectScreenMatchesFrame(session, "after \(key)")
    }
    try await session.keys("Escape")
    try await session.waitFor("the entry closed") { !$0.contains("family 👨") }
    try await expectScreenMatchesFrame(session, "closed: no debris of the wide text")
    try await session.keys("Escape")
    try await session.waitFor(text: "F1 Server")
    // Wide text typed into the builder's URL, then replaced by narrow text.
    try await session.keys("F2")
    try await session.waitFor(text: "▶ F2 Request builder")
    try await session.keys("u", "C-u")
    try await session.type("{{base}}/echo?q=👨\u{200D}👩\u{200D}👧漢字e\u{301}")
    try await expectScreenMatchesFrame(session, "wide text in the URL field")
    try await session.keys("C-u")
    try await session.type("{{base}}/plain")
    try await session.keys("Escape")
    try await session.waitFor(text: "→ http://127.0.0.1:\(port)/plain")
    try await expectScreenMatchesFrame(session, "the URL replaced")
    try await session.resize(width: 97, height: 31)
    try await expectScreenMatchesFrame(session, "resized")
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  /// Told to stop (SIGTERM, SIGHUP, SIGINT from `kill`), the playground quits as with `q`;
  /// crashing (what a Swift runtime failure raises: SIGILL, SIGTRAP; and SIGSEGV, SIGABRT)
  /// while a request is in flight, it restores the terminal before dying of the signal. Either
  /// way the shell comes back with every terminal setting as before.
  @Test(arguments: [
    ("TERM", 0), ("HUP", 0), ("INT", 0), ("ILL", 128 + 4), ("TRAP", 128 + 5), ("SEGV", 128 + 11), ("ABRT", 128 + 6),
  ])
  func aSignalRestoresTheTerminal(signal: String, exitCode: Int) async throws {
    let session = try await launch(port: 0, extra: "--example echo")
    let port = try await session.boundPort()
    let inFlight = try PartialRequest(
      port: port, sending: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
    try await session.waitFor(text: "conns 1")
    let shell = try await session.tmux(["display-message", "-p", "-t", session.name, "#{pane_pid}"])
    let children = try await blocking {
      try spawnAndWait("/usr/bin/pgrep", ["-P", shell.trimmingCharacters(in: .whitespacesAndNewlines)])
    }
    let pid = try #require(
      Int32(children.trimmingCharacters(in: .whitespacesAndNewlines)), "the playground's pid: \(children)")
    _ = try await blocking { try spawnAndWait("/bin/kill", ["-\(signal)", String(pid)]) }
    let screen = try await session.waitFor(text: "SHELL-IS-BACK (squall exited \(exitCode))")
    #expect(!screen.contains("F1 Server"), "the playground's screen is gone (the alternate screen was left)")
    let before = try String(contentsOfFile: stateHome + ".before", encoding: .utf8)
    let after = try String(contentsOfFile: stateHome + ".after", encoding: .utf8)
    #expect(before == after, "stty -a changed after SIG\(signal):\n\(before)\n---\n\(after)")
    withExtendedLifetime(inFlight) {}
  }

  @Test func aPortInUseIsReportedWithASuggestion() async throws {
    let blocker = try await runBlockingServer()
    defer { blocker.terminate() }
    let port = blocker.port
    let session = try await launch(port: port)
    try await session.waitFor(all: ["already in use", "press n to use port"])
    try await session.keys("n")
    try await session.waitFor(text: "● running on")
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  /// `squall serve` on a free port, to take it away from the playground.
  func runBlockingServer() async throws -> (port: Int, terminate: @Sendable () -> Void) {
    let child = try ChildProcess(squall, ["serve", "--port", "0", "--quiet"])
    let serving = try await blocking { try child.line(startingWith: "Serving 'hello' on http://127.0.0.1:") }
    let port = try #require(Int(serving.prefix { $0.isNumber }), "squall serve says its port: \(serving)")
    return (port, { child.stop() })
  }
}
