import Foundation
import SquallRequests
import Testing

@testable import SquallPlaygroundCore

/// `W` in the builder: the exact bytes the request would put on the wire, following the edits.
@Suite struct WirePreviewTests {
  static let bytes = Array(
    "POST /form HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nUser-Agent: Squall/0.1.0\r\nhost: 127.0.0.1:8888\r\nContent-Length: 8\r\n\r\nname=Ada"
      .utf8)

  @Test func theLinesAreTheHeadABlankLineAndTheBody() {
    let lines = WireBytes(bytes: Self.bytes).lines
    #expect(lines.first == "POST /form HTTP/1.1")
    #expect(lines.contains("host: 127.0.0.1:8888"))
    #expect(lines.suffix(2) == ["", "name=Ada"])
    let binary = WireBytes(bytes: Array("GET / HTTP/1.1\r\n\r\n".utf8) + [0, 1, 2]).lines
    #expect(binary.last == "(a body of 3 bytes that is not text)")
    let long = WireBytes(bytes: Array("PUT / HTTP/1.1\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 3000))
    #expect(long.lines.last == "… 952 more bytes")
    #expect(WireBytes(bytes: [], problem: "cannot read /nope").lines == ["✗ cannot read /nope"])
    // Found by review: a cut inside a character once made a long UTF-8 body "not text".
    let accents = WireBytes(
      bytes: Array("PUT / HTTP/1.1\r\n\r\nx".utf8) + Array(String(repeating: "é", count: 1500).utf8))
    #expect(accents.lines.last == "… 954 more bytes", "\(accents.lines.suffix(2))")
    let hostile = WireBytes(bytes: Array("GET / HTTP/1.1\r\nX: \u{1B}[2J\r\n\r\n".utf8)).lines
    #expect(!hostile.joined().contains("\u{1B}"), "escaped, never raw")
  }

  @Test func wShowsTheBytesAndTheyFollowTheEdits() {
    var state = Fixtures.state()
    state.focus = .builder
    let effects = update(&state, .key(.character("W")))
    #expect(state.builder.showsWire)
    #expect(effects == [.previewWire(spec: state.builder.spec, variables: state.variables)])
    let asked = state.builder.spec
    _ = update(&state, .key(.character("u")))
    let edited = update(&state, .key(.character("x")))  // the URL follows the typing
    #expect(edited == [.previewWire(spec: state.builder.spec, variables: state.variables)], "the edit asks again")
    _ = update(&state, .key(.escape))
    // An answer for the request before the edit is not shown over it.
    _ = update(&state, .wirePreview(WireBytes(bytes: Self.bytes), of: asked, state.variables))
    #expect(state.builder.wire == nil)
    _ = update(&state, .wirePreview(WireBytes(bytes: Self.bytes), of: state.builder.spec, state.variables))
    #expect(state.builder.wire?.bytes == Self.bytes)
    _ = update(&state, .key(.character("W")))
    #expect(!state.builder.showsWire && state.builder.wire == nil)
  }

  @Test func theBytesOnScreen() throws {
    try GoldenScreenTests().check("builder-wire") { width, height in
      var state = Fixtures.state(width: width, height: height)
      state.focus = .builder
      _ = update(&state, .key(.character("W")))
      _ = update(&state, .wirePreview(WireBytes(bytes: Self.bytes), of: state.builder.spec, state.variables))
      return state
    }
  }

  /// A long request scrolls: ↓ and PgDn move through it, never past its last line.
  @Test func aLongRequestScrolls() throws {
    try GoldenScreenTests().check("builder-wire-scrolled") { width, height in
      var state = Fixtures.state(width: width, height: height)
      state.focus = .builder
      _ = update(&state, .key(.character("W")))
      let body = (1...60).map { "line \($0)" }.joined(separator: "\n")
      let head = "POST /echo HTTP/1.1\r\nhost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
      let bytes = Array((head + body).utf8)
      _ = update(&state, .wirePreview(WireBytes(bytes: bytes), of: state.builder.spec, state.variables))
      _ = update(&state, .key(.pageDown))
      _ = update(&state, .key(.down))
      #expect(state.builder.wireScroll > 1)
      for _ in 0..<20 { _ = update(&state, .key(.pageDown)) }
      var canvas = GridCanvas(width: width, height: height)
      render(state, into: &canvas)
      // The builder's pane is the focused one (┃): no "↓ N more" mark in it at the end.
      #expect(
        canvas.text.contains("line 60") && !canvas.text.contains("┃ ↓ "),
        "the end, nothing more below, at \(width)x\(height)")
      _ = update(&state, .key(.home))
      #expect(state.builder.wireScroll == 0)
      _ = update(&state, .key(.pageDown))
      return state
    }
  }
}
