import Squall
import Testing

@testable import Squall

/// Routes match whole paths and reverse into URLs.
@Suite struct URLPatternTests {
  @Test func patternsMatchFullyAndReverse() throws {
    let matcher = try PathMatcher(#"/a/(\d+)/(?P<name>\w+)"#)
    #expect(matcher.match("/a/1/bob") == PathMatch(args: [], kwargs: ["name": "bob"]))
    #expect(matcher.match("/a/1/bob/") == nil)
    #expect(try PathMatcher("/x.y$").match("/xzy") != nil)  // "." is a regex dot, as in Tornado
    #expect(URLSpec.validate("/(unclosed") != nil)
  }
}
