import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Squall
import SquallTestSupport
import Testing

@testable import ClientErrorClassification
@testable import Squall

/// The routing prefilter: a route whose literal ends cannot match is skipped without its regex.
@Suite struct RoutingPrefilterTests {
  @Test func literalEndsAreOnlyWhatEveryMatchMustHave() {
    #expect(PathMatcher.literalEnds(#"/items/(\d+)/part7"#) == ("/items/", "/part7"))
    #expect(PathMatcher.literalEnds(#"/greet/(\w+)"#) == ("/greet/", ""))
    #expect(PathMatcher.literalEnds(#"/a\.json"#) == ("/a", "json"))
    #expect(PathMatcher.literalEnds(#"/x\d"#) == ("/x", ""), "the letter of an escape is not literal")
    #expect(PathMatcher.literalEnds("/files?") == ("/file", ""), "a quantified character is optional")
    #expect(PathMatcher.literalEnds("/a|/b") == ("", ""), "alternation: no prefilter")
    #expect(PathMatcher.literalEnds("/a(?i)bc") == ("", ""), "inline flags: no prefilter")
    #expect(PathMatcher.literalEnds("/(?P<id>[0-9]+)/x") == ("/", "/x"))
  }

  @Test func routesMatchAsBeforeWithThePrefilter() throws {
    let matcher = try PathMatcher(#"/items/(\d+)/part7"#)
    #expect(matcher.match("/items/42/part7")?.args == ["42"])
    #expect(matcher.match("/items/42/part8") == nil)
    #expect(matcher.match("/other/42/part7") == nil)
    let optional = try PathMatcher("/files?")
    #expect(optional.match("/file") != nil && optional.match("/files") != nil)
  }
}
