import Mustache
import NIOConcurrencyHelpers

/// Templates for `render`, read once per file extension from the template folder (Tornado's
/// template `Loader` cache), or again for every render in debug mode.
final class TemplateCache: Sendable {
  private let libraries = NIOLockedValueBox<[String: MustacheLibrary]>([:])

  /// The library of `.EXTENSION` templates under `directory`.
  func library(_ directory: String, extension: String, reload: Bool) async throws -> MustacheLibrary {
    if !reload, let cached = libraries.withLockedValue({ $0[`extension`] }) { return cached }
    let library = try await MustacheLibrary(directory: directory, withExtension: `extension`)
    libraries.withLockedValue { $0[`extension`] = library }
    return library
  }
}
