import Squall

/// The lessons pane: the lesson list, or the chosen lesson's text.
enum LessonsView {
  static func draw<C: Canvas>(_ state: PlaygroundState, in rect: Rect, into canvas: inout C) {
    let lessons = state.lessons
    if let problem = lessons.problem, lessons.lessons.isEmpty {
      canvas.draw(
        CellWidth.truncate(" " + TerminalSafe.escape(problem), to: rect.width), x: rect.x, y: rect.y, width: rect.width,
        style: .warning)
      return
    }
    if lessons.reading, lessons.selection < lessons.lessons.count {
      let lesson = lessons.lessons[lessons.selection]
      let lines = wrap(TerminalSafe.escape(lesson.text, keepNewlines: true), width: rect.width - 2)
      let scroll = min(lessons.scroll, max(0, lines.count - rect.height))
      for (row, line) in lines.dropFirst(scroll).prefix(rect.height).enumerated() {
        let style: Style =
          line.hasPrefix("#") ? .title : line.hasPrefix("    ") || line.hasPrefix("```") ? .info : .normal
        canvas.draw(" " + line, x: rect.x, y: rect.y + row, width: rect.width, style: style)
      }
      return
    }
    for (index, lesson) in lessons.lessons.prefix(rect.height).enumerated() {
      let selected = index == lessons.selection
      let text = (selected ? "› " : "  ") + "\(index + 1). " + TerminalSafe.escape(lesson.title)
      canvas.draw(
        CellWidth.pad(text, to: rect.width), x: rect.x, y: rect.y + index, width: rect.width,
        style: selected ? .selected : .normal)
    }
  }

  /// Word-wraps text to `width` columns, keeping its line breaks.
  static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 4 else { return text.components(separatedBy: "\n") }
    var out: [String] = []
    for paragraph in text.components(separatedBy: "\n") {
      var line = ""
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
        let candidate = line.isEmpty ? String(word) : line + " " + word
        if CellWidth.of(candidate) <= width {
          line = candidate
        } else {
          if !line.isEmpty { out.append(line) }
          var rest = String(word)
          while CellWidth.of(rest) > width {
            let head = CellWidth.clip(rest, to: width)
            out.append(head)
            rest = String(rest.dropFirst(head.count))
          }
          line = rest
        }
      }
      out.append(line)
    }
    return out
  }
}
