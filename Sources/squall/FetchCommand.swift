import ArgumentParser

struct FetchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fetch", abstract: "Fetch a URL with Squall's AsyncHTTPClient.")
  @Argument(help: "The URL to fetch.") var url: String
  func run() async throws { print("not built yet") }
}
