import Foundation
import Squall
import SquallTesting
import Testing

final class PageHandler: RequestHandler {
  struct Item: Sendable {
    var name: String
    var price: Int
  }

  override func get(_ args: [String]) async throws {
    try await render(
      args[0],
      [
        "title": "<Shop & co>", "quote": "Tea 'n' \"cake\"",
        "items": [Item(name: "Tea", price: 3), Item(name: "Cake", price: 5)],
      ])
  }
}

/// `render` with templates from `Settings.templatePath`: autoescaped, partials, errors said.
@Suite struct TemplateTests {
  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("squall-templates-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("parts"), withIntermediateDirectories: true)
    let files = [
      "index.html": "<h1>{{title}}</h1>{{> parts/list}}{{{xsrf_form_html}}}",
      "parts/list.html": "<ul>{{#items}}<li>{{name}}: {{price}}</li>{{/items}}</ul>",
      "raw.html": "{{{title}}}",
      "quote.html": "{{quote}}",
      "broken.txt": "{{#items}}never closed",
    ]
    for (name, text) in files {
      try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return folder
  }

  @Test func aTemplateIsRenderedEscapedWithItsPartials() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let app = Application(
      [(#"/page/(.+)"#, PageHandler.self)], settings: Settings(xsrfCookies: true, templatePath: folder.path))
    try await app.test { client in
      let page = try await client.fetch("/page/index.html")
      #expect(page.code == 200)
      #expect(page.headers.first(name: "Content-Type") == "text/html; charset=UTF-8")
      #expect(page.text.hasPrefix("<h1>&lt;Shop &amp; co&gt;</h1><ul><li>Tea: 3</li><li>Cake: 5</li></ul>"))
      #expect(page.text.contains(#"<input type="hidden" name="_xsrf" value="2|"#), "Tornado's xsrf_form_html")
      let raw = try await client.fetch("/page/raw.html")
      #expect(raw.text == "<Shop & co>", "{{{…}}} is not escaped")
      let quote = try await client.fetch("/page/quote.html")
      #expect(quote.text == "Tea &#39;n&#39; &quot;cake&quot;", "a documented difference: Tornado writes &#x27;")
      let missing = try await client.fetch("/page/nope.html")
      #expect(missing.code == 500)
      #expect(client.logs.contains { $0.message.contains("no template nope.html in \(folder.path)") })
      let broken = try await client.fetch("/page/broken.txt")
      #expect(broken.code == 500)
      #expect(client.logs.contains { $0.message.contains("template broken.txt line 1") }, "\(client.logs)")
    }
  }

  @Test func withoutATemplatePathRenderSaysWhatToSet() async throws {
    try await Application([(#"/page/(.+)"#, PageHandler.self)]).test { client in
      let response = try await client.fetch("/page/index.html")
      #expect(response.code == 500)
      #expect(client.logs.contains { $0.message.contains("needs Settings(templatePath:)") })
    }
  }
}
