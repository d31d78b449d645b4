import Foundation
import Squall
import SquallTestSupport
import Testing

/// The forms a Tornado user writes, compiled here (this file failing to build is the test's
/// first failure: `write(["ok": true, "count": 1])` once made the type checker give up).
final class LiteralsHandler: RequestHandler {
  override func get() async throws {
    let count = 3
    let name: String? = "Ada"
    switch try getArgument("form") {
    case "mixed": write(["ok": true, "count": count, "name": name, "ratio": 0.5, "none": nil])
    case "order": write(["b": 1, "a": 2])
    case "nested":
      write(["items": [1, "a", nil, false] as JSONValue, "user": ["name": "Grace", "tags": ["x", "y"]]])
    case "value":
      let value: JSONValue = ["greeting": "Hello, \(name ?? "you")", "n": [1, 2.5]]
      write(value)
    case "wide":  // as wide as an API's answer gets; the type checker must not give up
      write([
        "id": 7, "name": name, "email": "ada@example.com", "admin": false, "score": 9.5, "tags": ["a", "b"],
        "count": count, "next": nil, "ratio": 0.25, "active": true, "city": "London", "age": 36,
      ])
    default: write(["error": "unknown form"])
    }
  }
}

/// `write` with a dictionary literal writes what Tornado's `json_encode` writes; the expected
/// bytes are Tornado 6.6.1's for the same Python dict (`tornado.escape.json_encode`).
@Suite struct JSONLiteralTests {
  /// (the value, Tornado's bytes for the same Python value)
  static let tornado: [(JSONValue, String)] = [
    (
      ["ok": true, "count": 3, "name": "Ada", "ratio": 0.5, "none": nil],
      #"{"ok": true, "count": 3, "name": "Ada", "ratio": 0.5, "none": null}"#
    ),
    (["b": 1, "a": 2], #"{"b": 1, "a": 2}"#),
    (
      ["items": [1, "a", nil, false], "user": ["name": "Grace", "tags": ["x", "y"]]],
      #"{"items": [1, "a", null, false], "user": {"name": "Grace", "tags": ["x", "y"]}}"#
    ),
    (
      [
        "html": "</script>", "path": "a/b", "quote": "say \"hi\"\\", "ctl": "\n\r\t\u{08}\u{0C}\u{01}\u{7F}",
        "uni": "é€😀\u{2028}",
      ],
      #"{"html": "<\/script>", "path": "a/b", "quote": "say \"hi\"\\", "ctl": "\n\r\t\b\f\u0001\u007f", "uni": "\u00e9\u20ac\ud83d\ude00\u2028"}"#
    ),
    (
      [
        "a": 1.0, "b": 1e100, "c": 1e-07, "d": 0.0001, "e": 1e16, "f": 123456789012.5, "g": -0.0,
        "h": .double(.nan), "i": .double(.infinity), "j": 0.1, "k": 2.5e-05,
      ],
      #"{"a": 1.0, "b": 1e+100, "c": 1e-07, "d": 0.0001, "e": 1e+16, "f": 123456789012.5, "g": -0.0, "h": NaN, "i": Infinity, "j": 0.1, "k": 2.5e-05}"#
    ),
    (.object(ordered: [("a", 1), ("b", 1), ("a", 2)]), #"{"a": 2, "b": 1}"#),
    // Between 2^53 and 1e16 Swift writes an exponent where Python does not.
    (
      [
        9.5e15, 9_007_199_254_740_994.0, 1e16, 1e-05, 0.000123, .double(.leastNonzeroMagnitude), 1.7976931348623157e308,
        12345678901234567.0, 1e22,
      ],
      "[9500000000000000.0, 9007199254740994.0, 1e+16, 1e-05, 0.000123, 5e-324, 1.7976931348623157e+308, 1.2345678901234568e+16, 1e+22]"
    ),  // Python: first place, last value
  ]

  @Test func theBytesAreTornados() {
    for (value, expected) in Self.tornado {
      #expect(String(decoding: value.tornadoBytes, as: UTF8.self) == expected)
    }
  }

  @Test func swiftValuesHaveTheirJSONForm() {
    let tags: [String] = ["x"]
    let scores: [String: Int] = ["b": 2, "a": 1]
    let missing: Int? = nil
    #expect(tags.jsonValue == ["x"])
    #expect(scores.jsonValue == ["a": 1, "b": 2], "a Swift dictionary has no order: sorted")
    #expect(missing.jsonValue == .null)
    #expect(UInt64.max.jsonValue == .double(Double(UInt64.max)))
    #expect(JSONValue.object(ordered: [("a", 1), ("b", 2)])["b"] == 2)
    let id = 7
    let note: String? = nil
    #expect(
      JSONValue(["id": id, "note": note, "tags": tags]) == ["id": 7, "note": nil, "tags": ["x"]], "Swift values")
    #expect(JSONValue([id, "a", nil]) == [7, "a", nil])
    #expect((["a": 1] as JSONValue) != (["a": 1, "b": 2] as JSONValue))
    let encoded = try? JSONEncoder().encode(["k": [1, "two", nil]] as JSONValue)
    #expect(encoded.map { String(decoding: $0, as: UTF8.self) } == #"{"k":[1,"two",null]}"#, "Encodable too")
  }

  @Test func handlersWriteLiteralsOnTheWire() async throws {
    let app = Application([("/literal", LiteralsHandler.self)])
    try await withServer(app) { port, _ async throws in
      let cases = [
        ("mixed", #"{"ok": true, "count": 3, "name": "Ada", "ratio": 0.5, "none": null}"#),
        ("order", #"{"b": 1, "a": 2}"#),
        ("nested", #"{"items": [1, "a", null, false], "user": {"name": "Grace", "tags": ["x", "y"]}}"#),
        ("value", #"{"greeting": "Hello, Ada", "n": [1, 2.5]}"#),
        (
          "wide",
          #"{"id": 7, "name": "Ada", "email": "ada@example.com", "admin": false, "score": 9.5, "tags": ["a", "b"], "count": 3, "next": null, "ratio": 0.25, "active": true, "city": "London", "age": 36}"#
        ),
      ]
      for (form, body) in cases {
        let result = try await exchange(port, request("GET", "/literal?form=\(form)"))
        #expect(result.first?.bodyText == body, "\(form)")
        #expect(result.first?.header("Content-Type") == "application/json; charset=UTF-8")
      }
    }
  }
}
