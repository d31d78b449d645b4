import Foundation
import SquallLessons
import SquallStorage
import SquallTestSupport
import Testing

/// A learner walks every lesson in order, in one playground process: the real `squall` binary
/// in tmux, at 80x24 (a default terminal), 100x30 and 120x40, never zooming. Before each step
/// its ▶ line and its check line must be on the screen whole and the step not done, every code
/// line it shows readable by scrolling the lesson, and its first hint (h) shown whole; the
/// learner presses the keys the ▶ line names (nothing is set behind the screen's back), and a
/// row the ▶ line names is seen selected on the way; then the coach says the step is done. The update-level learner
/// (`LessonLearnerTests`) checks the same steps faster; this one checks what a person sees.
@Suite(.serialized, .enabled(if: TmuxSession.available || TmuxSession.required, "tmux is not installed"))
final class LearnerWalkTests {
  let squall = productsDirectory.appendingPathComponent("squall").path
  let home = FileManager.default.temporaryDirectory.appendingPathComponent("squall-walk-\(UUID().uuidString)").path

  deinit { try? FileManager.default.removeItem(atPath: home) }

  /// What a learner does for one step: keys, typed text, and waits on what the screen shows.
  enum Act {
    case keys([String])
    case type(String)
    /// Waits for a text anywhere on the screen (a response, the server running again).
    case see(String)
    /// Waits for a row the ▶ line names, selected (`›noKeepAlive`) and on the screen.
    case selected(String)
    /// Waits for a status bar holding all these: after a change that restarts the server,
    /// "●" beside a message set after the change (the change's own, or the step's from n) is
    /// the restart done (a frame from before shows "●" too, but not that message; a request
    /// sent sooner was refused).
    case bar([String])
  }

  static func k(_ names: String...) -> Act { .keys(names) }
  static func t(_ text: String) -> Act { .type(text) }

  /// Each lesson's steps, as the ▶ lines say them.
  static let walk: [[[Act]]] = [
    // 1. Hello, server
    [
      [k("F2", "C-r")],
      [k("F2", "u", "End"), t("nope"), k("Enter")],
      [k("F2", "u"), t("{{base}}/"), k("Escape", "m", "Down", "Enter", "C-r")],
      [k("F2", "m", "Up", "Enter", "C-r"), .see("200 OK"), k("6", "]")],
      [k("F2", "2", "a"), t("If-None-Match"), k("Tab"), t("{{response.header.Etag}}"), k("Enter", "C-r")],
    ],
    // 2. Handlers
    [
      [k("F1", "a", "Tab"), t("/welcome/([^/]+)"), k("Tab", "Tab", "Tab"), t("Welcome, {1}!"), k("Enter")],
      [.bar(["● http", "Step 2: "]), k("F2", "u"), t("{{base}}/welcome/Ada"), k("Enter")],
      [k("F2", "u"), t("{{base}}/hi/Ada"), k("Escape", "1", "a"), t("excited"), k("Tab"), t("yes"), k("Enter", "C-r")],
    ],
    // 3. POST bodies
    [
      [
        k("F2", "u"), t("{{base}}/form"), k("Escape", "3", "k", "k", "k", "a"), t("name"), k("Tab"), t("Ada"),
        k("Enter", "C-r"),
      ],
      [k("F2", "3", "k", "k", "k", "k", "e", "C-a", "C-k"), t(#"{"name": "Ada"}"#), k("Escape", "C-r")],
      [k("F2", "3", "k", "k", "Enter", "Tab"), t("Grace"), k("Enter", "C-r")],
    ],
    // 4. The asynchronous client
    [
      [k("F2", "u"), t("{{base}}/greet/seed"), k("Enter")],
      [k("F2", "u"), t("http://127.0.0.1:9/"), k("Enter")],
      [k("F2", "u"), t("{{base}}/missing"), k("Enter")],
    ],
    // 5. Server options
    [
      [k("F1", "g", "Down"), .selected("maxBufferSize"), k("Enter"), t("1000"), k("Enter")],
      [
        .bar(["● http", "Step 2: "]), k("F2", "u"), t("{{base}}/echo"),
        k("Escape", "m", "Down", "Enter", "3", "k", "e"),
        t(String(repeating: "x", count: 1200)), k("Escape", "C-r"),
      ],
      [k("F1", "g", "Down"), .selected("maxBufferSize"), k("Enter"), t("104857600"), k("Enter")],
    ],
    // 6. Client options
    [
      [k("F2", "u"), t("{{base}}/slow?delay=2"), k("Enter")],
      [.see("200 OK"), k("F2", "5", "Home"), .selected("requestTimeout"), k("e"), t("1"), k("Enter", "C-r")],
      [.see("599"), k("F2", "5", "Home", "e", "BSpace", "Enter", "C-r")],
    ],
    // 7. Non-blocking handlers
    [
      [k("F2", "u"), t("{{base}}/slow?delay=0.5"), k("Escape", "B"), t("20"), k("Tab"), t("10"), k("Enter")],
      [k("F2", "u"), t("{{base}}/blocking?delay=0.5"), k("Escape", "B"), t("20"), k("Tab"), t("10"), k("Enter")],
      [k("F3", "t")],
    ],
    // 8. Stopping
    [
      [k("F2", "C-r")],
      [k("F1", "s")],
      [k("F2", "C-r")],
      [k("F1", "K")],
      [k("F2", "C-r")],
      [k("F1", "s"), .see("running on"), k("F2", "C-r")],
    ],
    // 9. Redirects
    [
      [k("F2", "C-r")],
      [k("F2", "6", "C-r")],
      [k("F2", "5", "Home", "Down", "Down"), .selected("followRedirects"), k("Enter", "C-r")],
      [k("F2", "5", "d", "Down", "Enter"), t("0"), k("Enter", "C-r")],
      [
        k("F1", "a", "Tab"), t("/old"), k("Tab"), t("301"), k("Tab"), t("Location: /greet/Ada"), k("Enter"),
        .bar(["● http", "Route GET /old"]), k("F2", "5", "d", "u"), t("{{base}}/old"), k("Enter"),
      ],
    ],
    // 10. max_clients
    [
      [k("F2", "B"), t("50"), k("Tab"), t("50"), k("Enter")],
      [
        k("F2", "5", "Home", "Down", "Down", "Down", "Down", "Down"), .selected("maxClients"), k("Enter"), t("50"),
        k("Enter", "B"), t("50"),
        k("Tab"), t("50"), k("Enter"),
      ],
      [k("F2", "5", "d", "B"), t("20"), k("Tab"), t("20"), k("Enter")],
    ],
    // 11. Keep-alive
    [
      [k("F2", "C-r")],
      [k("F2", "2", "a"), t("Connection"), k("Tab"), t("close"), k("Enter", "C-r")],
      [k("F3", "t")],
      [k("F1", "g", "Down", "Down", "Down", "Down", "Down", "Down"), .selected("noKeepAlive"), k("Space")],
      [.bar(["● http", "Step 5: "]), k("F2", "2", "d", "C-r")],
      [
        k("F1", "g", "Down", "Down", "Down", "Down", "Down", "Down"), .selected("noKeepAlive"), k("Space"),
        .bar(["● http", "noKeepAlive = false"]), k("Up", "Up"), .selected("idleConnectionTimeout"), k("Enter"), t("2"),
        k("Enter"),
        .bar(["● http", "idleConnectionTimeout = "]), k("F2", "C-r"),
      ],
    ],
    // 12. Errors
    [
      [k("F2", "C-r")],
      [k("F2", "u"), t("{{base}}/boom"), k("Enter")],
      [k("F2", "u"), t("{{base}}/oops?status=404"), k("Enter")],
      [k("F2", "u"), t("{{base}}/oops?status=503"), k("Enter")],
      [k("F2", "u"), t("{{base}}/oops?status=429"), k("Enter")],
    ],
    // 13. Streaming
    [
      [k("F2", "C-r")],
      [k("F2", "u"), t("{{base}}/greet/Ada"), k("Enter")],
      [k("F2", "u"), t("{{base}}/stream?count=8"), k("Enter")],
      [k("F2", "u"), t("{{base}}/stream?count=1"), k("Enter")],
      [k("F2", "u"), t("{{base}}/stream?count=12"), k("Enter")],
    ],
    // 14. Cookies
    [
      [k("F2", "C-r")],
      [k("F2", "C-r")],
      [k("F2", "2", "a"), t("Cookie"), k("Tab"), t("{{response.header.Set-Cookie}}"), k("Enter", "C-r")],
      [k("F2", "2", "e", "Tab"), t("visits=4"), k("Enter", "C-r")],
    ],
    // 15. Static files
    [
      [k("F2", "C-r")],
      [k("F2", "m", "Down", "Down", "Down", "Down", "Down", "Enter", "C-r")],
      [
        k("F2", "m", "Up", "Up", "Up", "Up", "Up", "Enter", "2", "a"), t("If-Modified-Since"), k("Tab"),
        t("{{response.header.Last-Modified}}"), k("Enter", "C-r"),
      ],
      [k("F2", "2", "d", "a"), t("Range"), k("Tab"), t("bytes=13-18"), k("Enter", "C-r")],
      [k("F2", "2", "e", "Tab"), t("bytes=-6"), k("Enter", "C-r")],
    ],
    // 16. Compression
    [
      [k("F2", "C-r")],
      [
        k("F1", "g", "Down", "Down", "Down", "Down", "Down", "Down", "Down"), .selected("compressResponse"), k("Space"),
      ],
      [.bar(["● http", "Step 3: "]), k("F2", "C-r")],
      [k("F2", "1", "a"), t("count"), k("Tab"), t("10"), k("Enter", "C-r")],
      [
        k("F2", "5", "Home", "Down", "Down", "Down", "Down"), .selected("decompressResponse"),
        k("Enter", "1", "d", "C-r"),
      ],
    ],
    // 17. Behind a proxy
    [
      [k("F2", "C-r")],
      [k("F2", "2", "a"), t("X-Real-Ip"), k("Tab"), t("203.0.113.7"), k("Enter", "C-r")],
      [
        k("F1", "g", "Down", "Down", "Down", "Down", "Down", "Down", "Down", "Down"), .selected("xheaders"),
        k("Space"),
      ],
      [.bar(["● http", "Step 4: "]), k("F2", "C-r")],
      [k("F2", "2", "a"), t("X-Forwarded-Proto"), k("Tab"), t("https"), k("Enter", "C-r")],
    ],
    // 18. Compare with Tornado
    [
      [k("F1", "T")],
      [.bar(["● http", "Step 2: "]), k("F2", "=")],
      [k("F2", "m", "Down", "Enter", "=")],
      [
        k("F1", "A"), .bar(["● http", "serves the echo app"]), k("F2", "u"), t("{{base}}/echo"),
        k("Escape", "3", "k", "k", "e"), t(#"{"name": "Ada"}"#), k("Escape", "="),
      ],
    ],
    // 19. Bytes on the wire
    [
      [k("F2", "W")],
      [k("F2", "C-r")],
      [k("F2", "6", "]", "]")],
      [k("F2", "u"), t("{{base}}/stream?count=3"), k("Enter")],
      [
        k("F1", "g", "Down", "Down", "Down", "Down", "Down", "Down", "Down"), .selected("compressResponse"), k("Space"),
        .bar(["● http", "compressResponse = true"]), k("F2", "u"), t("{{base}}/numbers"), k("Enter"),
      ],
      [k("F2", "2", "a"), t("X-Lesson"), k("Tab"), t("19"), k("Enter", "u"), t("{{base}}/echo"), k("Enter")],
    ],
    // 20. When the wire breaks
    [
      [k("F2", "C-r")],
      [k("F2", "u"), t("{{base}}/fault/bad-chunk"), k("Enter")],
      [k("F2", "u"), t("{{base}}/fault/reset"), k("Enter")],
      [k("F2", "u"), t("{{base}}/fault/trickle"), k("Enter")],
      [
        k("F2", "5", "Home"), .selected("requestTimeout"), k("e"), t("1"), k("Enter", "u"),
        t("{{base}}/fault/stall-after-head?seconds=3"), k("Enter"),
      ],
      [
        k("F1", "a", "Tab"), t("/broken"), k("Tab", "Tab", "Tab", "Tab", "Tab"), t("reset"), k("Enter"),
        .bar(["● http", "Route GET /broken"]), k("F2", "5", "Home", "d", "u"), t("{{base}}/broken"), k("Enter"),
      ],
      [
        k("F2", "5", "Home", "Down", "Down", "Down", "Down", "Down", "Down"), .selected("sendSlowly"), k("e"), t("100"),
        k("Enter", "C-r"),
      ],
    ],
    // 21. A WebSocket echo
    [
      [k("F2", "C-r")],
      [k("F2", "3", "Enter"), t("hello"), k("C-r")],
      [k("F2", "P")],
      [k("F2", "Escape")],
    ],
    // 22. Many connections, one loop
    [
      [k("F2", "B"), t("200"), k("Enter")],
      [k("F3", "t")],
      [k("F2", "Escape")],
    ],
  ]

  @Test(.serialized, arguments: [(80, 24), (100, 30), (120, 40)])
  func aLearnerWalksEveryLessonInOrder(size: (Int, Int)) async throws {
    try #require(TmuxSession.available, "tmux is required: apt-get install tmux")
    try #require(FileManager.default.isExecutableFile(atPath: squall), "build squall first")
    try #require(TornadoAvailable.now, "lesson 18 compares with Tornado: python3 -m pip install tornado")
    let lessons = LessonLibrary.load(environment: [:], currentDirectory: "/nonexistent").lessons  // built in
    try #require(lessons.count == Self.walk.count && zip(lessons, Self.walk).allSatisfy { $0.steps.count == $1.count })
    let state = home + "-\(size.0)x\(size.1)"
    defer { try? FileManager.default.removeItem(atPath: state) }
    let session = try await TmuxSession.start(width: size.0, height: size.1)
    try await session.run(
      "\(TornadoAvailable.environment) XDG_STATE_HOME=\(state) XDG_DATA_HOME=\(state) \(squall) --port 0; printf 'SHELL-IS-%s\\n' BACK"
    )
    // The port from the status bar ("● http://127.0.0.1:PORT"): at 80x24 the pane cuts it.
    let marker = "● http://127.0.0.1:"
    let first = try await session.waitFor("the server running", timeout: 20) { Self.statusBar($0).contains(marker) }
    let bar = Self.statusBar(first)
    let port = try #require(Int(bar[bar.range(of: marker)!.upperBound...].prefix { $0.isNumber }))
    let base = "http://127.0.0.1:\(port)"

    for (number, (lesson, steps)) in zip(lessons, Self.walk).enumerated().map({ ($0 + 1, $1) }) {
      // Open it from the list, as the list shows it.
      try await session.keys("F4")
      if number > 1 { try await session.keys("Escape", "Down") }
      try await session.keys("Enter")
      // Open, and its setup's restart done: "●" beside the lesson's own message.
      try await session.waitFor("lesson \(number) open, the server running", timeout: 20) { screen in
        let bar = Self.statusBar(screen)
        return screen.contains("Lesson \(number) · ") && bar.contains("● http") && bar.contains("Lesson \(number): ")
      }
      for (index, acts) in steps.enumerated() {
        let place = "\(size.0)x\(size.1), lesson \(number) step \(index + 1)"
        // The ▶ line is on the screen whole, and the step is not done before its action.
        let expected = Self.normalized(
          "▶ "
            + Self.filled(lesson.steps[index].action, base: base, port: port).replacingOccurrences(of: "`", with: ""))
        _ = try await session.waitFor("\(place): its whole ▶ line", timeout: 10) {
          Self.pinnedAction(in: $0) == expected
        }
        // Not done, and its check line whole: the coach's "◌ Waiting for: …" (a capture may
        // catch the frame before, the last step's "✓ Done").
        // (A step that asks for a prediction keeps its check to itself until it is done.)
        if lesson.steps[index].prediction == nil {
          let waiting = Self.normalized("◌ Waiting for: " + lesson.steps[index].check.inWords)
          _ = try await session.waitFor("\(place): its whole check line, not done before its action", timeout: 5) {
            Self.coachLine(startingWith: "◌", in: $0) == waiting
          }
        }
        // Its first hint, shown whole by h.
        if let hint = lesson.steps[index].hints.first {
          try await session.keys("F4", "h")
          let count = lesson.steps[index].hints.count
          let expected = Self.normalized(
            (count > 1 ? "Hint 1 of \(count): " : "Hint: ")
              + Self.filled(hint, base: base, port: port).replacingOccurrences(of: "`", with: "")
              .replacingOccurrences(of: "**", with: ""))
          _ = try await session.waitFor("\(place): its first hint whole", timeout: 5) {
            Self.coachLine(startingWith: "Hint", in: $0, anywhere: true) == expected
          }
        }
        // Every code line the step shows is on the screen whole, read as a learner reads it:
        // the lesson from the top, a page at a time, never zoomed.
        // (The introduction is shown with the first step.)
        let code = ((index == 0 ? lesson.intro : []) + lesson.steps[index].blocks).flatMap { block -> [String] in
          if case .code(_, let lines) = block { return lines } else { return [] }
        }
        if !code.isEmpty {
          let read = try await Self.readLesson(session)
          for line in code.map(Self.normalized) where !line.isEmpty {
            #expect(read.contains { $0.contains(line) }, "\(place): the code line \(line) is not on the screen whole")
          }
        }
        // A step that asks for a prediction: the question whole, a guess written with e.
        if let prediction = lesson.steps[index].prediction {
          let question = Self.normalized(
            "? Predict first (e): " + prediction.question.replacingOccurrences(of: "`", with: ""))
          _ = try await session.waitFor("\(place): its whole question", timeout: 5) {
            Self.coachLine(startingWith: "?", in: $0) == question
          }
          try await session.keys("F4", "e")
          try await session.type("none")
          try await session.keys("Enter")
          _ = try await session.waitFor("\(place): the guess kept", timeout: 5) {
            Self.coachLine(startingWith: "◌ Your prediction", in: $0)
              == Self.normalized("◌ Your prediction: none (e changes it). Now do it and see.")
          }
        }
        for act in acts {
          switch act {
          case .keys(let names): try await session.tmux(["send-keys", "-t", session.name] + names)
          case .type(let text): try await session.type(text)
          case .see(let text): try await session.waitFor(text: text, timeout: 20)
          case .selected(let name):
            try await session.waitFor("\(place): the row \(name) selected and in view", timeout: 10) { screen in
              screen.split(separator: "\n").contains { $0.contains("›\(name) ") }
            }
          case .bar(let texts):
            try await session.waitFor("\(place): a status bar with \(texts)", timeout: 20) { screen in
              let bar = Self.statusBar(screen)
              return texts.allSatisfy(bar.contains)
            }
          }
        }
        try await session.waitFor("\(place) done", timeout: 30) { screen in
          Self.coachLine(startingWith: "✓ Done", in: screen) != nil
        }
        if lesson.steps[index].prediction != nil {
          // The guess beside what happened ("none" is wrong for every built-in prediction).
          _ = try await session.waitFor("\(place): the guess beside what was seen", timeout: 5) {
            Self.coachLine(startingWith: "You predicted", in: $0)?.hasPrefix(
              Self.normalized("You predicted none; it was"))
              == true
          }
        }
        try await session.keys("F4")
        if index + 1 < steps.count { try await session.keys("n") }
      }
    }
    try await session.keys("q")
    try await session.waitFor(text: "SHELL-IS-BACK")
  }

  /// `{{base}}`, `{{host}}`, `{{port}}` as the lesson pane fills them in.
  static func filled(_ text: String, base: String, port: Int) -> String {
    text.replacingOccurrences(of: "{{base}}", with: base).replacingOccurrences(of: "{{host}}", with: "127.0.0.1")
      .replacingOccurrences(of: "{{port}}", with: String(port))
  }

  /// The lesson's text as the learner can read it: in its pane, from the top, page by page, the
  /// pages joined where they overlap; as three streams without spaces and wrap marks: the
  /// left and right columns of side-by-side code, and whole rows.
  static func readLesson(_ session: TmuxSession) async throws -> [String] {
    try await session.keys("F4", "Home")
    // A page is read from a frame tmux shows twice in a row: a capture can catch curses halfway
    // through drawing one, its top new and its bottom old.
    // After PgDn, a page other than `page` is waited for a moment (none comes at the end).
    func stable(after page: [String]? = nil) async throws -> [String] {
      var previous = try await session.capture()
      if let page {
        for _ in 0..<15 where readingRows(in: previous) == page {
          try await Task.sleep(for: .milliseconds(40))
          previous = try await session.capture()
        }
      }
      for _ in 0..<50 {
        try await Task.sleep(for: .milliseconds(40))
        let screen = try await session.capture()
        if screen == previous { return readingRows(in: screen) }
        previous = screen
      }
      return readingRows(in: previous)
    }
    // The top: the Lessons pane focused, its first row the lesson's title.
    _ = try await session.waitFor("the top of the lesson", timeout: 10) { screen in
      screen.contains("▶ F4 Lessons") && readingRows(in: screen).first?.contains("Lesson ") == true
    }
    var page = try await stable()
    var rows = page
    for _ in 0..<40 {
      try await session.keys("NPage")
      let next = try await stable(after: page)
      if next == page { break }  // the end: PgDn moved nothing
      // The longest tail of what was read that this page starts with is already there.
      let overlap =
        (0...min(rows.count, next.count)).last { count in
          Array(rows.suffix(count)) == Array(next.prefix(count))
        } ?? 0
      rows += next.dropFirst(overlap)
      page = next
    }
    var left = ""
    var right = ""
    var whole = ""
    for row in rows {
      if let split = row.range(of: " │ ") {
        left += row[..<split.lowerBound]
        right += row[split.upperBound...]
      }
      whole += row
    }
    func clean(_ text: String) -> String { text.filter { $0 != " " && $0 != "↪" } }
    return [clean(left), clean(right), clean(whole)]
  }

  /// The Lessons pane's rows above its pinned ▶ block.
  static func readingRows(in screen: String) -> [String] {
    var out: [String] = []
    for inner in lessonsPane(in: screen) ?? [] {
      let trimmed = inner.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("──") || trimmed.hasPrefix("━") || trimmed.hasPrefix("┗") { break }
      if trimmed.hasPrefix("↑ ") && trimmed.contains("more above") { continue }  // the mark, not the text
      out.append(inner)
    }
    return out
  }

  /// The Lessons pane's rows below its title, between its borders; nil when it is not shown.
  static func lessonsPane(in screen: String) -> [String]? {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    guard let titleRow = lines.firstIndex(where: { String($0).contains("F4 Lessons") }) else { return nil }
    let title = lines[titleRow]
    let marker = Array("F4 Lessons")
    guard let column = title.indices.first(where: { title[$0...].starts(with: marker) }),
      let left = title[..<column].lastIndex(where: { $0 == "┏" || $0 == "┌" })
    else { return nil }
    let right = title.lastIndex { $0 == "┓" || $0 == "┐" } ?? title.count
    // Its rows down to its bottom border: not the keys bar or the status bar below it.
    let rows = lines[(titleRow + 1)...].prefix { row in row.count <= left || !"┗└".contains(row[left]) }
    return rows.map { row in
      String(row.count > left + 1 ? row[(left + 1)..<min(right, row.count)] : [])
    }
  }

  /// The status message's rows joined: from the last row that starts with the server's state
  /// (a long message wraps onto the rows below it) to the end of the screen.
  static func statusBar(_ screen: String) -> String {
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first = rows.lastIndex { [" ● ", " ◌ ", " ○ ", " ✗ "].contains(where: $0.hasPrefix) } ?? max(0, rows.count - 1)
    return rows[first...].joined(separator: " ")
  }

  /// A line of the coach (pinned under the lesson) that starts with `prefix`, its wrapped rows
  /// joined, without spaces; nil when none shows.
  /// `anywhere`: also in the lesson's text above the coach (a pane too short to pin the hint
  /// ends its text with it).
  static func coachLine(startingWith prefix: String, in screen: String, anywhere: Bool = false) -> String? {
    guard let inner = lessonsPane(in: screen)?.map({ $0.trimmingCharacters(in: .whitespaces) }),
      let start = anywhere ? inner.startIndex : inner.lastIndex(where: { $0.hasPrefix("▶ ") }),
      let found = inner[start...].firstIndex(where: { $0.hasPrefix(prefix) })
    else { return nil }
    var parts = [inner[found]]
    let starts = [
      "▶", "◌", "✓", "★", "? Predict", "Your prediction", "You predicted", "You made", "Hint", "Solution", "h: ",
      "What you saw", "┗", "└", "━", "─",
    ]
    for line in inner[(found + 1)...] {
      guard !line.isEmpty, !starts.contains(where: line.hasPrefix) else { break }
      parts.append(line)
    }
    return normalized(parts.joined(separator: " "))
  }

  /// The Lessons pane's pinned ▶ action, its wrapped lines joined; nil when none shows.
  static func pinnedAction(in screen: String) -> String? {
    guard let inner = lessonsPane(in: screen)?.map({ $0.trimmingCharacters(in: .whitespaces) }) else { return nil }
    guard let start = inner.lastIndex(where: { $0.hasPrefix("▶ ") }) else { return nil }
    var parts = [inner[start]]
    for line in inner[(start + 1)...] {
      guard !line.isEmpty, !["◌", "✓", "? Predict", "┗", "└", "━", "─", "What you saw"].contains(where: line.hasPrefix)
      else { break }
      parts.append(line)
    }
    return normalized(parts.joined(separator: " "))
  }

  /// Without spaces: wrapping may break a long URL mid-word, and the screen shows it whole
  /// over two lines all the same.
  static func normalized(_ text: String) -> String {
    text.filter { $0 != " " }
  }
}
