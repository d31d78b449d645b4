import HTTPTypes
import Squall
import Testing

/// A user's file that imports Squall beside swift-http-types: the names both declare qualify
/// with their module, as they would in an app (this file not compiling is the failure).
@Suite struct PublicNamesTests {
  @Test func squallsTypesQualifyBesideHTTPTypes() {
    let ours = Squall.HTTPRequest("http://127.0.0.1:8888/", method: "POST", body: "x")
    let theirs = HTTPTypes.HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1", path: "/")
    #expect(ours.method == "POST" && theirs.method == .get)
    #expect(Squall.version.split(separator: ".").count == 3, "tornado.version, written Squall.version")
  }
}
