import Foundation
import Mustache

extension RequestHandler {
  /// Renders template `name` (a file under `Settings.templatePath`: `"index.html"`,
  /// `"users/list.html"`) with `values`, writes it and finishes the response (Tornado's
  /// `render`). Templates are Mustache (swift-mustache, the Hummingbird project's): `{{name}}`
  /// is HTML-escaped, as Tornado's autoescape (`'` as `&#39;` where Tornado writes `&#x27;`),
  /// `{{{html}}}` is not, `{{#items}}…{{/items}}` repeats, `{{> header}}` includes
  /// `header.html`. Besides `values`, a template sees `current_user` and, with
  /// `xsrfCookies`, `xsrf_form_html` (write it `{{{xsrf_form_html}}}`), as Tornado's namespace.
  public func render(_ name: String, _ values: [String: any Sendable] = [:]) async throws {
    let html = try await renderString(name, values)
    write(html)
    try await finish()
  }

  /// The rendered text of template `name`, without writing it (Tornado's `render_string`).
  /// A missing template or one that does not parse throws (500), saying which and why.
  public func renderString(_ name: String, _ values: [String: any Sendable] = [:]) async throws -> String {
    guard let directory = application.settings.templatePath else {
      throw HTTPError(500, "render(\(name.debugDescription)) needs Settings(templatePath:), the folder of templates")
    }
    let file = URL(fileURLWithPath: name)
    let fileExtension = file.pathExtension.isEmpty ? "mustache" : file.pathExtension
    let key = file.pathExtension.isEmpty ? name : String(name.dropLast(fileExtension.count + 1))
    let library: MustacheLibrary
    do {
      library = try await application.templates.library(
        directory, extension: fileExtension, reload: application.settings.debug)
    } catch let error as MustacheLibrary.ParserError {
      throw HTTPError(
        500, "template \(error.filename) line \(error.context.lineNumber): \(error.error) (in \(directory))")
    }
    var namespace: [String: Any] = values
    if namespace["current_user"] == nil, let user = try currentUser { namespace["current_user"] = user }
    if application.settings.xsrfCookies, namespace["xsrf_form_html"] == nil {
      namespace["xsrf_form_html"] = xsrfFormHTML()
    }
    guard let text = library.render(namespace, withTemplate: key) else {
      throw HTTPError(500, "no template \(name) in \(directory)")
    }
    return text
  }
}
