import Foundation

/// Finds the lesson files (`Tutorials/NN-*.md`): `$SQUALL_TUTORIALS`, `./Tutorials`, or the
/// package's `Tutorials` next to the build folder.
enum LessonLoader {
  static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> LessonsState {
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
        guard let data = FileManager.default.contents(atPath: dir + "/" + file) else {
          problems.append("cannot read \(file)")
          continue
        }
        let text = String(decoding: data, as: UTF8.self)
        let title = text.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? file
        lessons.append(.init(title: title, file: file, text: text))
      }
      return LessonsState(lessons: lessons, problem: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }
    return LessonsState(lessons: [], problem: "No lessons found: run squall from the Squall folder or set SQUALL_TUTORIALS.")
  }
}
