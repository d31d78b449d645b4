// Lesson files: any text parses to a lesson or to problems, never a trap; each problem names a
// line of the file.
func check(_ bytes: [UInt8]) {
  let source = text(bytes)
  let lineCount = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).count
  switch LessonParser.parse(source, file: "fuzz.md") {
  case .success(let lesson):
    require(!lesson.steps.isEmpty, "a lesson without steps parsed")
  case .failure(let problems):
    require(!problems.isEmpty, "a failure without a problem")
    for problem in problems {
      require((0...max(lineCount, 1)).contains(problem.line), "problem at line \(problem.line) of \(lineCount)")
    }
  }
}
