import Squall
import SquallValues
import Testing

@testable import Squall

/// The fast check of everyday URLs never says yes where Foundation's parser would refuse.
@Suite struct PlainHTTPURLTests {
  static let plain = [
    "http://127.0.0.1:8888/", "https://example.com", "HTTP://Example.COM:80/a/b?c=d&e=%2F#frag",
    "http://localhost:8888/echo?lesson=9", "http://h/a;b=c/~x!$'()*+,=:@", "http://127.0.0.1:1/%41%42",
  ]
  static let others = [
    "ftp://127.0.0.1/", "http:///nohost", "127.0.0.1:8888", "ht tp://x", "http://a b/", "http://x/a b",
    "http://x/café", "http://user@host/", "http://[::1]:8888/", "http://x:port/", "http://x:123456/",
    "http://x/%zz", "http://x/%4", "http://x/#a#b", "http://x/\"", "http:/x", "http:x", "mailto:a@b", "",
    "http://x\\y/", "http://x/{}", "https:// x",
  ]

  @Test(arguments: plain) func everydayURLsTakeTheFastPath(url: String) {
    #expect(PlainHTTPURL.matches(url))
    #expect(AsyncHTTPClient.urlProblem(url) == nil, "Foundation agrees it is a valid http(s) URL")
  }

  @Test(arguments: others) func anythingElseGoesThroughFoundation(url: String) {
    #expect(!PlainHTTPURL.matches(url))
  }
}
