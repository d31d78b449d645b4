import Testing

@testable import SquallRequests

/// `ShellWords` reads Unicode scalars: a quote followed by a combining mark is still a quote
/// (as `Character`s the two were one, and `split` no longer saw the quote).
@Suite struct ShellWordsTests {
  @Test(arguments: [
    "\u{301}", "\u{301}abc", "\u{310}x y", "\u{5A3}x'y", "a'\u{301}b", "'", "", " ", "\r\n", "é \u{65}\u{301}",
  ])
  func quoteThenSplitGivesTheWordBack(word: String) throws {
    #expect(try ShellWords.split(ShellWords.quote(word)) == [word])
  }

  @Test func aCommandPastedFromWindowsSplitsOnItsLineEnds() throws {
    #expect(
      try ShellWords.split("curl -X POST \\\r\n  http://127.0.0.1:8888/\r\n") == [
        "curl", "-X", "POST", "http://127.0.0.1:8888/",
      ])
    #expect(try ShellWords.split("a\r\nb") == ["a", "b"])
  }

  @Test func curlImportOfAWordStartingWithACombiningMark() throws {
    let spec = RequestSpec(method: "POST", url: "http://127.0.0.1:8888/", bodyKind: .raw, body: "\u{301}x")
    let command = RequestExport.curl.render(spec, Variables())
    #expect(try CurlImport.parse(command).body == "\u{301}x")
  }

  /// Found by Fuzz/run.sh curl: a multipart text value starting with @ was exported as `-F
  /// name=@value`, which curl reads as a file.
  @Test func aMultipartValueThatStartsWithAnAtIsExportedAsALiteral() throws {
    let spec = RequestSpec(
      method: "POST", url: "http://127.0.0.1:8888/", bodyKind: .multipart,
      fields: [.init("f", "@p@p"), .init("g", "<x"), .init("h", "/tmp/a", isFile: true)])
    let command = RequestExport.curl.render(spec, Variables())
    #expect(command.contains("--form-string f=@p@p") && command.contains("--form-string 'g=<x'"))
    #expect(command.contains("-F h=@/tmp/a"))
    #expect(try CurlImport.parse(command).fields == spec.fields)
  }

  /// Found by Fuzz/run.sh query: a bare `=` became an empty row that the URL written back
  /// left out, so the table and the URL disagreed.
  @Test func aBareEqualsSignIsNoQueryParameter() {
    let url = "http://x/?a=&=&&c=g"
    #expect(QueryParameters.rows(of: url) == [.init("a", ""), .init("c", "g")])
    #expect(QueryParameters.url(url, with: QueryParameters.rows(of: url)) == "http://x/?a=&c=g")
    #expect(
      QueryParameters.rows(of: "http://x/?a=1#\u{301}?b=2") == [.init("a", "1")], "a fragment after a combining mark")
  }

  @Test func anOutOfRangeCurlOptionSaysTheRange() {
    #expect(throws: RequestProblem("--max-time: requestTimeout must be 0.001 to 86400 seconds")) {
      try CurlImport.parse("curl --max-time 100000 http://127.0.0.1:8888/")
    }
    #expect(
      throws: RequestProblem("--max-time: requestTimeout wants seconds (such as 0.5 or 20) from 0.001 to 86400 seconds")
    ) {
      try CurlImport.parse("curl --max-time 1e999 http://127.0.0.1:8888/")
    }
  }

  @Test func aHugeTimeoutInACollectionFileExportsWithoutATrap() {
    var spec = RequestSpec(url: "http://127.0.0.1:8888/")
    spec.options.requestTimeout = 1e300
    #expect(RequestExport.curl.render(spec, Variables()).contains("--max-time 1e+300"))
  }
}

/// Browsers' "Copy as cURL" writes `$'…'` with bash's escapes: `\u0021` for `!`, `\x41`, `\101`.
@Suite struct ANSICQuotingTests {
  @Test func escapesAreDecodedAsBashDoes() throws {
    #expect(
      try ShellWords.split(#"$'a\u0021b' $'\x41\101' $'\e[0m' $'\U0001F600'"#) == ["a!b", "AA", "\u{1B}[0m", "😀"])
    #expect(try ShellWords.split(#"$'\xZZ'"#) == ["xZZ"], "no hex digits: the letter stays")
  }
}
