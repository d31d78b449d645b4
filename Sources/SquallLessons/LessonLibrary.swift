import Foundation

/// The lessons a run uses: `$SQUALL_TUTORIALS`, else a `Tutorials/` folder in the current
/// directory (for lesson authors), else the lessons built into the binary — so `squall` copied
/// anywhere still has them. Files with problems are reported with file and line and left out;
/// the others load.
package struct LessonLibrary: Sendable {
  package var lessons: [Lesson]
  package var problems: [LessonParser.Problem]
  /// Where they came from: a folder, or "built in".
  package var origin: String

  package static func load(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> LessonLibrary {
    if let folder = environment["SQUALL_TUTORIALS"], !folder.isEmpty { return load(directory: folder) }
    let local = currentDirectory + "/Tutorials"
    if !lessonFiles(in: local).isEmpty { return load(directory: local) }
    return parse(EmbeddedLessons.files.map { ($0.name, $0.text) }, origin: "built in")
  }

  /// The lesson files of a folder: `NN-name.md`, in order.
  package static func lessonFiles(in folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
  }

  package static func load(directory: String) -> LessonLibrary {
    var files: [(String, String)] = []
    var problems: [LessonParser.Problem] = []
    let names = lessonFiles(in: directory)
    if names.isEmpty {
      problems.append(.init(file: directory, line: 0, message: "no lesson files (NN-name.md) in this folder"))
    }
    for name in names {
      guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
        problems.append(.init(file: name, line: 0, message: "cannot be read"))
        continue
      }
      guard let text = String(data: data, encoding: .utf8) else {
        problems.append(.init(file: name, line: 0, message: "is not UTF-8 text"))
        continue
      }
      files.append((name, text))
    }
    // Snippet paths are relative to the package root: the folder that holds the lessons' folder.
    let root = (directory as NSString).deletingLastPathComponent
    var library = parse(files, origin: directory, snippets: .files(root: root.isEmpty ? "." : root))
    library.problems = problems + library.problems
    return library
  }

  package static func parse(
    _ files: [(String, String)], origin: String, snippets: SnippetSource = .builtIn
  ) -> LessonLibrary {
    var lessons: [Lesson] = []
    var problems: [LessonParser.Problem] = []
    for (name, text) in files {
      switch LessonParser.parse(text, file: name, snippets: snippets) {
      case .success(let lesson): lessons.append(lesson)
      case .failure(let found): problems += found
      }
    }
    return LessonLibrary(lessons: lessons, problems: problems, origin: origin)
  }
}
