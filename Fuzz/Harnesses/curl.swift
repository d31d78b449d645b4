// Curl export → import gives the same request: method, URL, headers, body, fields, user and
// options. What curl itself adds on import is set aside before comparing: `Accept:
// application/json` beside `--json`, and the empty `Content-Type:` that stops curl from adding
// a form type to a raw body. Variables are left out (the export expands them).
func check(_ bytes: [UInt8]) {
  let part = fields(bytes, 8)
  // By scalars: `:` followed by a combining mark is one `Character`, which a Character-based
  // replace would miss.
  func without(_ text: String, _ scalar: Unicode.Scalar) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != scalar }))
  }
  func clean(_ text: String) -> String { without(text, "{") }
  let kinds: [RequestSpec.BodyKind] = [.none, .raw, .json, .form, .multipart]
  let selector = bytes.first ?? 0
  var spec = RequestSpec(url: "http://127.0.0.1:8888/" + clean(part[1]).trimmingCharacters(in: .whitespacesAndNewlines))
  let letters = part[0].unicodeScalars.filter { ("A"..."Z").contains($0) }
  spec.method = letters.isEmpty ? "GET" : String(String.UnicodeScalarView(letters.prefix(10)))
  let tokenName = String(
    String.UnicodeScalarView(
      part[2].unicodeScalars.filter {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0))
      }.prefix(20)))
  if !tokenName.isEmpty, tokenName.lowercased() != "content-type", tokenName.lowercased() != "accept" {
    spec.headers = [.init(tokenName, clean(part[3]).trimmingCharacters(in: .whitespaces))]
  }
  spec.bodyKind = kinds[Int(selector) % kinds.count]
  switch spec.bodyKind {
  case .none: break
  case .raw, .json: spec.body = clean(part[4])
  case .form, .multipart:
    let name = without(clean(part[4]), "=")
    let value = clean(part[5])
    // A multipart field is a file (its path: no `;`, which curl reads as a type) or a text,
    // which may start with `@` or `<` (then exported with --form-string).
    let isFile = spec.bodyKind == .multipart && selector & 0x08 != 0
    spec.fields = [.init(name, isFile ? without(value, ";") : value, isFile: isFile)]
  }
  if selector & 0x80 != 0 {
    spec.username = without(clean(part[6]), ":")
    spec.password = clean(part[7])
  }
  if selector & 0x40 != 0 { spec.options.followRedirects = true }
  if selector & 0x20 != 0 { spec.options.requestTimeout = Double(bytes.count % 500) + 0.5 }
  if selector & 0x10 != 0 { spec.options.maxRedirects = bytes.count % 50 }
  if spec.bodyKind == .none, spec.method == "POST" { spec.method = "PUT" }  // curl reads POST with no body as POST

  let command = RequestExport.curl.render(spec, Variables())
  let imported: RequestSpec
  do { imported = try CurlImport.parse(command) } catch {
    require(false, "the exported command does not import: \(error.message)\n\(command)")
    return
  }
  var expected = spec
  expected.url = spec.resolvedURL(Variables()).url
  var got = imported
  got.headers.removeAll {
    ($0.name == "Accept" && $0.value == "application/json" && spec.bodyKind == .json)
      || ($0.name == "Content-Type" && $0.value.isEmpty && spec.bodyKind == .raw)
  }
  require(got == expected, "round trip changed the request\n\(command)\nwas: \(expected)\nnow: \(got)")
}
