import Foundation
import SquallRequests
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// `y` copies what the screen shows into a builder variable and the clipboard: no retyping.
@Suite struct CopyChooserTests {
  func answered(_ body: String, type: String = "application/json") -> PlaygroundState {
    var state = Fixtures.state(width: 120, height: 40)
    state.focus = .builder
    _ = update(&state, .key(.control("r")))
    var response = BuilderScreenTests.response(body: body, type: type)
    response.entry.responseHeaders.append(("Etag", "\"2aae6c35\""))
    _ = update(&state, .fetched(id: state.builder.sent, response: response))
    return state
  }

  @Test func theHeaderOnTheLineInViewIsChosenAndCopiedQuotesIncluded() {
    var state = answered(#"{"items": [{"id": 7}]}"#)
    _ = update(&state, .key(.character("]")))  // Headers tab: status line, then the headers
    let lines = BuilderResponseView.lines(state.builder, width: 60)
    let etagLine = lines.firstIndex { $0.text.hasPrefix("Etag:") }!
    for _ in 0..<etagLine { _ = update(&state, .key(.down)) }
    _ = update(&state, .key(.character("y")))
    let chooser = try! #require(state.copyChooser)
    #expect(chooser.shown[chooser.list.selection].label == "response.header.Etag")
    let effects = update(&state, .key(.enter))
    #expect(state.builder.userVariables["etag"] == "\"2aae6c35\"" && state.copyChooser == nil)
    #expect(effects == [.saveVariables(state.builder.userVariables), .copyToClipboard("\"2aae6c35\"")])
    #expect(state.message.hasPrefix("{{etag}} = \"2aae6c35\" — a builder variable now"))
  }

  @Test func aJSONValueIsFoundByTyping() {
    var state = answered(#"{"items": [{"id": 7, "name": "Ada"}]}"#)
    _ = update(&state, .key(.character("y")))
    for character in "name" { _ = update(&state, .key(.character(character))) }
    #expect(state.copyChooser?.shown.first?.label == "response.json.items[0].name", "the value itself first")
    _ = update(&state, .key(.enter))
    #expect(state.builder.userVariables["name"] == "Ada")
    #expect(state.variables.value(of: "name") == "Ada")
  }

  @Test func aLoggedExchangeOffersItsFieldsAndEscLeavesAllAsItWas() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.focus = .log
    _ = update(&state, .key(.character("y")))
    let labels = state.copyChooser?.choices.map(\.label) ?? []
    #expect(labels.prefix(2) == ["method", "target"] && labels.contains { $0.hasPrefix("response.header.") })
    _ = update(&state, .key(.escape))
    #expect(state.copyChooser == nil && state.builder.userVariables.isEmpty)
  }

  @Test func aCopyNeverShadowsTheServersVariables() {
    var state = Fixtures.state()
    Fixtures.busyLog(&state)
    state.focus = .log
    _ = update(&state, .key(.character("y")))
    for character in "request.header.host" { _ = update(&state, .key(.character(character))) }
    _ = update(&state, .key(.enter))
    #expect(state.builder.userVariables["host"] == nil && state.builder.userVariables["host_2"] != nil)
    #expect(state.message.hasPrefix("{{host_2}} = ") && state.message.contains("({{host}} is the server's)"))
    #expect(state.variables.value(of: "host") == "127.0.0.1")
  }

  @Test func theKeysBarKeepsWhereToFindTheRest() {
    var state = Fixtures.state(width: 80, height: 24)
    state.focus = .builder
    let bar = keyHints(state)
    #expect(CellWidth.of(bar) <= 79 && bar.hasPrefix("Ctrl-R send · Enter edit"))
    #expect(bar.hasSuffix("Ctrl-P commands · ? help"), "\(bar)")
  }

  @Test func variableNamesAreWords() {
    #expect(CopyChooser.variableName("Content-Type") == "content_type")
    #expect(CopyChooser.variableName("items[0].id") == "id")
    #expect(CopyChooser.variableName("response.status") == "status")
    #expect(CopyChooser.variableName("…") == "_")
  }

  @Test func noResponseSaysSo() {
    var state = Fixtures.state()
    state.focus = .builder
    state.builder.section = .response
    #expect(update(&state, .key(.character("y"))).isEmpty)
    #expect(state.copyChooser == nil && state.message.hasPrefix("No response to copy from yet"))
  }
}

/// The builder keeps a saved request's answers as its last response: `{{NAME.response.…}}`.
@Suite struct NamedResponseTests {
  @Test func anOpenedRequestsAnswerIsKeptAndReadByAnotherRequest() {
    var state = Fixtures.state()
    state.focus = .builder
    _ = update(&state, .requestLoaded(name: "get item", RequestSpec(url: "{{base}}/item")))
    _ = update(&state, .key(.control("r")))
    var response = BuilderScreenTests.response(body: #"{"id": 7}"#, type: "application/json")
    response.entry.responseHeaders.append(("Etag", "\"v1\""))
    let effects = update(&state, .fetched(id: state.builder.sent, response: response))
    guard case .file(.saveNamedResponse(let name, let saved))? = effects.first else {
      Issue.record("the answer is kept: \(effects)")
      return
    }
    #expect(name == "get item" && saved.status == 200)
    // A new request reads it, in any case of the header's name.
    _ = update(&state, .key(.character("N")))
    state.builder.spec.headers = [.init("If-None-Match", "{{get item.response.header.etag}}")]
    #expect(
      state.variables.expand("{{get item.response.header.etag}} {{get item.response.json.id}}").text == "\"v1\" 7")
    let sent = update(&state, .key(.control("r")))
    #expect(sent.count == 1 && state.builder.inFlight?.collectionName == nil, "a new request is no saved one")
  }
}
