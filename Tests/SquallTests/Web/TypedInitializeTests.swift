import Squall
import SquallTesting
import Testing

final class GreetHandler: RequestHandler, TypedInitialize {
  struct Arguments: Sendable {
    var greeting = "Hello"
    var excited = false
  }

  private var arguments = Arguments()

  func initialize(_ arguments: Arguments) { self.arguments = arguments }

  override func get(_ args: [String]) async throws {
    write("\(arguments.greeting), \(args[0])\(arguments.excited ? "!" : ".")")
  }
}

/// `initialize` arguments of a declared type: each route gives its own, read without casts.
@Suite struct TypedInitializeTests {
  @Test func eachRouteGivesItsHandlerTypedArguments() async throws {
    let app = Application([
      url("/hi/(.+)", GreetHandler.self, .init(greeting: "Hi", excited: true)),
      url("/hello/(.+)", GreetHandler.self, .init(), name: "hello"),
    ])
    try await app.test { client in
      let hi = try await client.fetch("/hi/Ada")
      let hello = try await client.fetch("/hello/Grace")
      #expect(hi.text == "Hi, Ada!")
      #expect(hello.text == "Hello, Grace.")
    }
    #expect(try app.reverseURL("hello", "Ada") == "/hello/Ada", "a typed route is a route like any other")
  }
}
