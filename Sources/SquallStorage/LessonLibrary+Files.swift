import Foundation
import SquallLessons

/// Lessons read from a folder: the file access of `LessonLibrary`, kept out of the pure core.
extension LessonLibrary {
  package static func load(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> LessonLibrary {
    if let folder = environment["SQUALL_TUTORIALS"], !folder.isEmpty { return load(directory: folder) }
    let local = currentDirectory + "/Tutorials"
    if !lessonFiles(in: local).isEmpty { return load(directory: local) }
    return builtIn
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
}
