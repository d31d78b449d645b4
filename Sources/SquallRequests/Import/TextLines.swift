/// The lines of an imported file: split at each LF, a CRLF's CR dropped. By Unicode scalars:
/// Swift's `Character` holds `\r\n` as one, so `split(separator: "\n")` never splits a CRLF file
/// (a Windows-made `.http` file read as one line). Pure.
package enum TextLines {
  package static func split(_ text: String) -> [String] {
    text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      var scalars = String.UnicodeScalarView(line)
      if scalars.last == "\r" { scalars.removeLast() }
      return String(scalars)
    }
  }
}
