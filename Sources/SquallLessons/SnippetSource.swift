import Foundation

/// Where a lesson's `> swift: PATH#REGION` and `> python: PATH#REGION` lines find their code:
/// the package's files (a lesson author's checkout), or the regions built into the binary with
/// the lessons. Paths are relative to the package root (the folder holding `Tutorials/`).
package struct SnippetSource: Sendable {
  private let lookup: @Sendable (_ path: String, _ region: String) -> Parsed<[String]>

  package init(_ lookup: @escaping @Sendable (_ path: String, _ region: String) -> Parsed<[String]>) {
    self.lookup = lookup
  }

  /// The lines of `region` in the file at `path`, or what is wrong, in words.
  package func lines(path: String, region: String) -> Parsed<[String]> { lookup(path, region) }

  /// The regions built into the binary (`EmbeddedLessons.regions`, keyed `PATH#REGION`).
  package static func embedded(_ regions: [String: String]) -> SnippetSource {
    SnippetSource { path, region in
      guard let text = regions["\(path)#\(region)"] else {
        return .failure("\(path)#\(region) is not among the built-in regions")
      }
      return .success(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
  }

  /// The built-in regions of the built-in lessons.
  package static let builtIn = embedded(EmbeddedLessons.regions)
}
