import Foundation
import SquallLessons
import SquallValues

/// A lesson's Markdown as lines: paragraphs wrapped, lists, headings, and code kept whole,
/// hard-wrapped with its indentation and coloured by language. Pure.
extension LessonsView {
  /// `code`, *emphasis* and **strong** read as plain words on a terminal.
  static func inline(_ text: String) -> String {
    text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
  }

  static func blocks(_ blocks: [Block], width: Int, text: (String) -> String) -> [Line] {
    var out: [Line] = []
    var index = 0
    while index < blocks.count {
      switch blocks[index] {
      case .heading(let title): out.append(Line(TerminalSafe.escape(inline(text(title))), .bold))
      case .paragraph(let words):
        for piece in CellWidth.wrap(TerminalSafe.escape(inline(text(words))), to: width) { out.append(Line(piece)) }
      case .bullet(let words):
        for piece in CellWidth.wrap("• " + TerminalSafe.escape(inline(text(words))), to: width, indent: "  ") {
          out.append(Line(piece))
        }
      case .code(let language, let lines):
        // Python and then Swift: side by side when every line of both fits its column, else one
        // after the other (a code line is never cut where the point is).
        if index + 1 < blocks.count, case .code(let nextLanguage, let nextLines) = blocks[index + 1],
          language == "python", nextLanguage == "swift",
          (lines + nextLines).allSatisfy({ CellWidth.of(TerminalSafe.escape($0)) <= (width - 3) / 2 })
        {
          let column = (width - 3) / 2
          let left = codeLines(language, lines, width: column)
          let right = codeLines(nextLanguage, nextLines, width: column)
          for row in 0..<max(left.count, right.count) {
            let l = row < left.count ? left[row] : Line("")
            let r = row < right.count ? right[row] : Line("")
            let pad = String(repeating: " ", count: max(0, column - CellWidth.of(l.text)))
            out.append(Line(segments: l.segments + [(pad + " │ ", .dim)] + r.segments))
          }
          index += 2
          continue
        }
        out += codeLines(language, lines, width: width)
      }
      index += 1
    }
    return out
  }

  /// A code block: a label, then each line with its indentation, coloured by token. A line
  /// wider than the pane is never cut: it goes on in the next row after `↪`.
  static func codeLines(_ language: String, _ lines: [String], width: Int) -> [Line] {
    var out = [Line(language.isEmpty ? "code" : language, .dim)]
    for raw in lines {
      let safe = TerminalSafe.escape(raw)
      let pieces = hardWrap(safe, width: max(4, width), continuation: 2)
      for (number, piece) in pieces.enumerated() {
        let segments = colour(piece, language: language)
        out.append(Line(segments: number == 0 ? segments : [("↪ ", .dim)] + segments))
      }
    }
    return out
  }

  /// `text` in rows of at most `width` cells, the rows after the first `continuation` cells
  /// narrower (for their mark). Every character is kept. Pure.
  static func hardWrap(_ text: String, width: Int, continuation: Int) -> [String] {
    var rows: [String] = []
    var row = ""
    var used = 0
    for character in text {
      let cells = CellWidth.of(String(character))
      let limit = rows.isEmpty ? width : width - continuation
      if used + cells > limit, !row.isEmpty {
        rows.append(row)
        row = ""
        used = 0
      }
      row.append(character)
      used += cells
    }
    rows.append(row)
    return rows
  }

  static let keywords: Set<String> = [
    "def", "class", "return", "if", "else", "elif", "import", "from", "async", "await", "self", "None", "True",
    "False", "func", "let", "var", "final", "override", "public", "try", "throws", "struct", "enum", "for", "in",
    "while", "guard", "catch", "do", "static", "open",
  ]

  /// Keywords, strings, comments and numbers in their own styles. Pure.
  static func colour(_ line: String, language: String) -> [(String, Style)] {
    var out: [(String, Style)] = []
    var word = ""
    var characters = Array(line)[...]
    func flush() {
      guard !word.isEmpty else { return }
      let style: Style = keywords.contains(word) ? .info : (word.first?.isNumber == true ? .redirect : .normal)
      out.append((word, style))
      word = ""
    }
    while let character = characters.first {
      let comment =
        language == "python" || language == "sh"
        ? character == "#" : (character == "/" && characters.dropFirst().first == "/")
      if comment {
        flush()
        out.append((String(characters), .dim))
        return out
      }
      if character == "\"" {
        flush()
        var literal = String(characters.removeFirst())
        while let next = characters.first {
          literal.append(characters.removeFirst())
          if next == "\"" { break }
        }
        out.append((literal, .success))
        continue
      }
      if character.isLetter || character.isNumber || character == "_" {
        word.append(characters.removeFirst())
      } else {
        flush()
        out.append((String(characters.removeFirst()), .normal))
      }
    }
    flush()
    return out
  }
}
