import Foundation
import SquallLessons

/// Snippets read from a lesson author's checkout: the file access of `SnippetSource`.
extension SnippetSource {
  /// Regions read from the files under `root`.
  package static func files(root: String) -> SnippetSource {
    SnippetSource { path, region in
      guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
        return .failure("\(path): a snippet path is relative to the package root, without ..")
      }
      guard let data = FileManager.default.contents(atPath: root + "/" + path),
        let text = String(data: data, encoding: .utf8)
      else { return .failure("\(path) cannot be read (paths are relative to the package root)") }
      let (regions, problems) = Snippets.regions(in: text)
      if let problem = problems.first { return .failure("\(path):\(problem.line): \(problem.message)") }
      guard let lines = regions[region] else {
        let known = regions.keys.sorted()
        return .failure(
          "\(path) has no region \(region)"
            + (known.isEmpty
              ? " (mark one: // snippet.\(region) … // snippet.end)" : "; it has: " + known.joined(separator: ", ")))
      }
      return .success(lines)
    }
  }
}
