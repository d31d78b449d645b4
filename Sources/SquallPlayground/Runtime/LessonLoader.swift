import Foundation

/// Finds the lesson files (`Tutorials/NN-*.md`): `$SQUALL_TUTORIALS`, `./Tutorials`, or the
/// package's `Tutorials` next to the build folder.
public enum LessonLoader {
  public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> LessonsState {
    var candidates: [String] = []
    if let dir = environment["SQUALL_TUTORIALS"] { candidates.append(dir) }
    candidates.append(FileManager.default.currentDirectoryPath + "/Tutorials")
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    for _ in 0..<5 {
      candidates.append(folder.appendingPathComponent("Tutorials").path)
      folder = folder.deletingLastPathComponent()
    }
    for dir in candidates {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
      let files = names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
      guard !files.isEmpty else { continue }
      var lessons: [LessonsState.Lesson] = []
      var problems: [String] = []
      for file in files {
        switch check(path: dir + "/" + file) {
        case .success(let lesson): lessons.append(lesson)
        case .failure(let problem): problems.append(problem.message)
        }
      }
      return LessonsState(lessons: lessons, problem: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }
    return LessonsState(
      lessons: [], problem: "No lessons found: run squall from the Squall folder or set SQUALL_TUTORIALS.")
  }
}

extension LessonLoader {
  public struct Problem: Error, Sendable {
    public var message: String
  }

  /// Reads one lesson file: readable, UTF-8, with a `# Title` line and some text after it.
  public static func check(path: String) -> Result<LessonsState.Lesson, Problem> {
    let file = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(Problem(message: "\(file): cannot be read"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return .failure(Problem(message: "\(file): is not UTF-8 text"))
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let titleLine = lines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
      titleLine.hasPrefix("# ")
    else {
      return .failure(Problem(message: "\(file): the first line must be a '# Title'"))
    }
    guard lines.count > 2 else { return .failure(Problem(message: "\(file): has a title but no text")) }
    return .success(.init(title: String(titleLine.dropFirst(2)), file: file, text: text))
  }
}
