import Squall
import SquallLessons
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

/// The Server pane's options and the library's `HTTPServer.Options` are one table: the pane's
/// defaults are the library's (Tornado's), and every option the pane edits reaches the server
/// it starts — a line missing from the conversion fails here, as `bodyTimeout` once disagreed.
@Suite struct ServerOptionsTableTests {
  @Test func thePanesDefaultsAreTheLibrarys() {
    #expect(PlaygroundServer.httpOptions(ServerOptions()) == HTTPServer.Options())
    #expect(ServerOptions().compressResponse == Settings().compressResponse)
  }

  /// A value other than the default, for each option, as the pane's editor takes it.
  static func changed(_ name: ServerOptionName) -> String {
    switch name {
    case .maxBufferSize: "1000"
    case .maxBodySize: "2000"
    case .maxHeaderSize: "3000"
    case .idleConnectionTimeout: "4"
    case .bodyTimeout: "5"
    case .noKeepAlive, .compressResponse, .xheaders: "true"
    }
  }

  @Test(arguments: ServerOptionName.allCases) func everyOptionReachesTheServer(_ name: ServerOptionName) {
    var options = ServerOptions()
    #expect(options.set(name.rawValue, to: Self.changed(name)) == nil, "\(name.name) takes \(Self.changed(name))")
    if name == .compressResponse {
      // Tornado's compress_response is an application setting: the pane passes it to the app.
      let app = PlaygroundServer.makeApplication(routes: [], compress: options.compressResponse)
      #expect(app.settings.compressResponse)
      return
    }
    #expect(
      PlaygroundServer.httpOptions(options) != HTTPServer.Options(),
      "\(name.name) changed in the pane does not reach HTTPServer.Options")
  }
}
