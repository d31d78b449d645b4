/// Tornado's `escape.xhtml_escape`: `&`, `<`, `>`, `"` and `'` as entities, for text put in
/// HTML (the default error page's reason). Pure.
public enum HTMLEscape {
  public static func xhtml(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#x27;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
