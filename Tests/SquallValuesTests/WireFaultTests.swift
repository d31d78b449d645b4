import Testing

@testable import SquallValues

/// The faults' table, alone: what each sends is what its name and summary say; the bytes
/// the socket tests compare with come from here, so these check the table itself.
@Suite struct WireFaultTests {
  @Test(arguments: WireFault.allCases)
  func eachFaultEndsTheConnection(_ fault: WireFault) {
    let steps = fault.steps(.init(seconds: 0, bytes: 3, every: 0))
    #expect(steps.last == (fault == .reset ? .reset : .close))
    #expect(steps.filter { $0 == .close || $0 == .reset }.count == 1, "one end, the last step")
  }

  @Test func theBytesSayWhatTheNamesSay() {
    let text = { (fault: WireFault) in String(decoding: fault.bytes(), as: UTF8.self) }
    #expect(text(.shortBody).contains("Content-Length: 100\r\n") && text(.shortBody).hasSuffix("\r\n\r\n0123456789"))
    #expect(text(.badChunk).contains("\r\nzz\r\n"))
    #expect(text(.cutChunked).hasSuffix("5\r\nhello\r\n") && !text(.cutChunked).contains("\r\n0\r\n"))
    #expect(!text(.garbageStatus).hasPrefix("HTTP/"))
    #expect(WireFault.noResponse.bytes().isEmpty && WireFault.reset.bytes().isEmpty)
    #expect(text(.twoLengths).contains("Content-Length: 5\r\nContent-Length: 10\r\n"))
    #expect(text(.noColon).contains("\r\nThis line has no colon\r\n"))
    #expect(WireFault.hugeHeader.bytes().count > WireFault.hugeHeaderSize)
    #expect(text(.earlyHints).hasPrefix("HTTP/1.1 103 Early Hints\r\n") && text(.earlyHints).hasSuffix("\r\n\r\nok"))
  }

  @Test func theTimedFaultsPauseAsAsked() {
    let stall = WireFault.stallAfterHead.steps(.init(seconds: 2.5))
    #expect(stall.contains(.pause(milliseconds: 2500)))
    let trickle = WireFault.trickle.steps(.init(bytes: 4, every: 30))
    #expect(trickle.filter { $0 == .pause(milliseconds: 30) }.count == 3, "between the bytes, not after")
    #expect(String(decoding: WireFault.trickle.bytes(.init(bytes: 4, every: 0)), as: UTF8.self).hasSuffix("abcd"))
  }

  @Test func namesAndExamplesComeFromTheirTables() {
    #expect(WireFault(name: "short-body") == .shortBody && WireFault(name: "nope") == nil)
    #expect(ExampleApp.hello.next == .echo && ExampleApp.allCases.last!.next == .hello)
    #expect(StandardMethod.names == ["GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS"], "Tornado's order")
    #expect(Set(StandardMethod.byUse) == Set(StandardMethod.allCases), "the builder lists every one")
    #expect(BodyMethods.expectingBody == ["POST", "PUT", "PATCH"])
  }
}

/// One reading of true and false for every typed option.
@Suite struct BooleanTextTests {
  @Test func everyOptionReadsTrueAndFalseAlike() {
    for text in ["true", "Yes", " on ", "1"] { #expect(BooleanText.parse(text) == true, "\(text)") }
    for text in ["FALSE", "no", "off", "0"] { #expect(BooleanText.parse(text) == false, "\(text)") }
    for text in ["", "2", "maybe", "tru"] { #expect(BooleanText.parse(text) == nil, "\(text)") }
  }
}
