import Testing

@testable import Squall

/// The frame rules of Tornado's `WebSocketProtocol13`, one event at a time, without a socket.
@Suite struct WebSocketStateMachineTests {
  typealias Frame = WebSocketFrameValue

  static func text(_ string: String, fin: Bool = true) -> Frame {
    Frame(fin: fin, opcode: Frame.text, payload: Array(string.utf8))
  }

  @Test func aTextMessageIsDeliveredAndABinaryOneAsBytes() {
    var machine = WebSocketStateMachine(maxMessageSize: 100)
    #expect(machine.received(Self.text("héllo")) == .deliver(.message(.text("héllo"))))
    #expect(machine.received(Frame(opcode: Frame.binary, payload: [0, 255])) == .deliver(.message(.binary([0, 255]))))
  }

  @Test func fragmentsMakeOneMessageAndAControlFrameMayComeBetween() {
    var machine = WebSocketStateMachine(maxMessageSize: 100)
    #expect(machine.received(Self.text("hel", fin: false)) == .none)
    #expect(machine.received(Frame(opcode: Frame.ping, payload: [1])) == .pong([1]))
    #expect(machine.received(Frame(fin: false, opcode: Frame.continuation, payload: Array("lo ".utf8))) == .none)
    #expect(
      machine.received(Frame(opcode: Frame.continuation, payload: Array("☃".utf8)))
        == .deliver(.message(.text("hello ☃"))))
  }

  @Test func aCodePointSplitAcrossFragmentsIsWhole() {
    var machine = WebSocketStateMachine(maxMessageSize: 100)
    let snowman = Array("☃".utf8)
    #expect(machine.received(Frame(fin: false, opcode: Frame.text, payload: [snowman[0]])) == .none)
    #expect(
      machine.received(Frame(opcode: Frame.continuation, payload: Array(snowman[1...])))
        == .deliver(.message(.text("☃"))))
  }

  @Test(arguments: [
    (Frame(reserved: 4, opcode: Frame.text, payload: [65]), WebSocketStateMachine.Violation.reservedBits(4)),
    (Frame(opcode: 3), .reservedOpcode(3)),
    (Frame(opcode: 11), .reservedOpcode(11)),
    (Frame(fin: false, opcode: Frame.ping), .fragmentedControlFrame),
    (Frame(opcode: Frame.ping, payload: Array(repeating: 0, count: 126)), .controlFrameTooLong(126)),
    (Frame(opcode: Frame.continuation, payload: [65]), .nothingToContinue),
    (Frame(opcode: Frame.text, payload: [0xFF, 0xFE]), .invalidUTF8),
    (Frame(opcode: Frame.close, payload: [3, 232, 0xFF]), .invalidUTF8InCloseReason),
  ])
  func aBrokenRuleEndsTheConnectionWithoutAClose(frame: Frame, violation: WebSocketStateMachine.Violation) {
    var machine = WebSocketStateMachine(maxMessageSize: 1000)
    #expect(machine.received(frame) == .abort(violation))
    #expect(machine.state == .closed)
    #expect(machine.received(Self.text("after")) == .none)
  }

  @Test func aNewMessageInsideAFragmentedOneEndsIt() {
    var machine = WebSocketStateMachine(maxMessageSize: 100)
    _ = machine.received(Self.text("a", fin: false))
    #expect(machine.received(Self.text("b")) == .abort(.messageInsideMessage))
  }

  @Test func aMessageOverTheLimitGets1009ThenTheConnectionEnds() {
    var machine = WebSocketStateMachine(maxMessageSize: 4)
    #expect(machine.received(Self.text("four")) == .deliver(.message(.text("four"))))
    _ = machine.received(Self.text("abc", fin: false))
    let close = Frame.closePayload(code: 1009, reason: "message too big")
    #expect(
      machine.received(Frame(opcode: Frame.continuation, payload: [65, 66]))
        == .sendClose(close, then: .abort(.messageTooBig(5))))
    var fresh = WebSocketStateMachine(maxMessageSize: 4)
    #expect(
      fresh.receivedMalformed(frameTooLong: true, words: "") == .sendClose(close, then: .abort(.messageTooBig(5))))
  }

  @Test(arguments: [1000, 1001, 999, 1005, 4999])
  func thePeersCloseCodeIsEchoedAloneWhateverItIs(code: Int) {
    var machine = WebSocketStateMachine(maxMessageSize: 100)
    let action = machine.received(Frame(opcode: Frame.close, payload: Frame.closePayload(code: code, reason: "bye")))
    #expect(action == .sendClose(Frame.closePayload(code: code, reason: nil), then: .closeConnection))
    #expect(machine.closeCode == code)
    #expect(machine.closeReason == "bye")
    #expect(!machine.canSend)
  }

  @Test func aCloseWithoutACodeGetsAnEmptyClose() {
    var machine = WebSocketStateMachine(maxMessageSize: 100)
    #expect(machine.received(Frame(opcode: Frame.close, payload: [3])) == .sendClose([], then: .closeConnection))
    #expect(machine.closeCode == nil)
  }

  @Test func thisSidesCloseWaitsForThePeersThenEnds() {
    var machine = WebSocketStateMachine(maxMessageSize: 100)
    #expect(
      machine.close(code: 4000, reason: "done") == .sendClose([15, 160] + Array("done".utf8), then: .waitForPeer))
    #expect(machine.close(code: 1000, reason: nil) == .none)
    #expect(!machine.canSend)
    // Messages still arrive; a ping is heard but not answered after this side's close.
    #expect(machine.received(Self.text("late")) == .deliver(.message(.text("late"))))
    #expect(machine.received(Frame(opcode: Frame.ping, payload: [7])) == .deliver(.ping([7])))
    #expect(machine.received(Frame(opcode: Frame.close, payload: [3, 232])) == .closeConnection)
    #expect(machine.closeCode == 1000)
  }

  @Test func aPeerThatNeverAnswersTheCloseIsDropped() {
    var machine = WebSocketStateMachine(maxMessageSize: 100)
    _ = machine.close(code: nil, reason: nil)
    #expect(machine.closeTimerFired() == .abort(.closeTimedOut))
    var open = WebSocketStateMachine(maxMessageSize: 100)
    #expect(open.closeTimerFired() == .none)
  }

  @Test func aReasonWithoutACodeIsSentWith1000() {
    #expect(Frame.closePayload(code: nil, reason: "ping timed out") == [3, 232] + Array("ping timed out".utf8))
    #expect(Frame.closePayload(code: nil, reason: nil) == [])
  }

  @Test func noPongBeforeTheTimeoutCloses() {
    var machine = WebSocketStateMachine(maxMessageSize: 100)
    machine.pingSent()
    #expect(machine.received(Frame(opcode: Frame.pong)) == .deliver(.pong([])))
    #expect(machine.pingTimeoutFired() == .none)
    machine.pingSent()
    #expect(
      machine.pingTimeoutFired()
        == .sendClose(Frame.closePayload(code: 1000, reason: "ping timed out"), then: .waitForPeer))
  }

  @Test func underDeflateRSV1MarksACompressedMessage() {
    var machine = WebSocketStateMachine(maxMessageSize: 100, deflate: true)
    #expect(machine.received(Frame(reserved: 4, opcode: Frame.text, payload: [1, 2])) == .inflate(opcode: 1, [1, 2]))
    #expect(machine.inflated(opcode: 1, Array("hi".utf8), tooBig: false) == .deliver(.message(.text("hi"))))
    #expect(machine.received(Frame(fin: false, reserved: 4, opcode: Frame.binary, payload: [1])) == .none)
    #expect(machine.received(Frame(opcode: Frame.continuation, payload: [2])) == .inflate(opcode: 2, [1, 2]))
    #expect(machine.received(Self.text("plain")) == .deliver(.message(.text("plain"))), "uncompressed is fine too")
    #expect(
      machine.inflated(opcode: 1, nil, tooBig: true)
        == .sendClose(
          Frame.closePayload(code: 1009, reason: "message too big after decompression"),
          then: .abort(.messageTooBig(101))))
    var other = WebSocketStateMachine(maxMessageSize: 100, deflate: true)
    #expect(other.received(Frame(reserved: 4, opcode: Frame.ping)) == .abort(.reservedBits(4)), "not on a ping")
    var bad = WebSocketStateMachine(maxMessageSize: 100, deflate: true)
    _ = bad.received(Frame(reserved: 4, opcode: Frame.text, payload: [1]))
    #expect(
      bad.inflated(opcode: 1, nil, tooBig: false)
        == .abort(.malformedFrame("a compressed message that does not inflate")))
  }

  @Test func theDeflateOfferIsAnsweredAsTornadoAnswersIt() {
    #expect(DeflateAgreement.answer(toOffers: nil) == nil)
    #expect(DeflateAgreement.answer(toOffers: "x-webkit-deflate-frame") == nil)
    #expect(
      DeflateAgreement.answer(toOffers: "permessage-deflate; client_max_window_bits")?.header == "permessage-deflate")
    let agreed = DeflateAgreement.answer(
      toOffers: "permessage-deflate; server_no_context_takeover; client_max_window_bits=10, permessage-deflate")
    #expect(agreed?.header == "permessage-deflate; server_no_context_takeover; client_max_window_bits=10")
    #expect(agreed?.persistent("server") == false && agreed?.persistent("client") == true)
    #expect(agreed?.windowBits("client") == 10 && agreed?.windowBits("server") == 15)
    #expect(
      DeflateAgreement.answer(toOffers: "permessage-deflate; server_max_window_bits=99")?.windowBits("server") == nil)
  }

  @Test func aDeflatedMessageInflatesAndTheLimitHolds() {
    let deflater = MessageDeflater(compression: WebSocketCompression(), windowBits: 15, persistent: true)
    let inflater = MessageInflater(windowBits: 15, persistent: true)
    let text = Array(String(repeating: "abc", count: 1000).utf8)
    for _ in 0..<3 {
      let packed = deflater.compress(text)
      #expect(packed.count < 100 && packed.suffix(4) != [0, 0, 0xFF, 0xFF])
      #expect(inflater.decompress(packed, limit: 10_000).bytes == text)
    }
    let fresh = MessageInflater(windowBits: 15, persistent: false)
    #expect(
      fresh.decompress(
        MessageDeflater(compression: .init(), windowBits: 15, persistent: false).compress(text), limit: 100
      ).tooBig)
    #expect(MessageInflater(windowBits: 15, persistent: false).decompress([0xFF, 0xFF, 0xFF], limit: 100).bytes == nil)
  }

  /// Found by review: each fragment copied the message so far (quadratic): a 10 MiB message in
  /// 125-byte frames stalled the loop. Fifty thousand fragments now assemble in passing.
  @Test func manyFragmentsAssembleInPlace() {
    var machine = WebSocketStateMachine(maxMessageSize: 10 * 1024 * 1024)
    let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 100)
    #expect(machine.received(Frame(fin: false, opcode: Frame.binary, payload: piece)) == .none)
    for _ in 0..<49_998 { _ = machine.received(Frame(fin: false, opcode: Frame.continuation, payload: piece)) }
    let last = machine.received(Frame(opcode: Frame.continuation, payload: piece))
    guard case .deliver(.message(.binary(let bytes))) = last else {
      Issue.record("\(String(describing: last).prefix(80))")
      return
    }
    #expect(bytes.count == 5_000_000)
  }
}
