// Body parsers of the server never trap: urlencoded forms (with the argument limit),
// multipart bodies (with any boundary), cookies; and each answer holds what a parser must.
func check(_ bytes: [UInt8]) {
  let parts = fields(bytes, 3)
  // urlencoded
  let form = FormArguments(urlEncoded: parts[0])
  _ = FormArguments.exceedsLimit(parts[0])
  require(form.names.count == Set(form.names).count, "a name appears twice in \(form.names)")
  // multipart: the first field is the Content-Type, the rest the body
  if let boundary = MultipartParser.boundary(from: parts[1]) {
    require(!boundary.isEmpty, "an empty boundary")
    if case .success(let parsed) = MultipartParser.parse(body: Array(parts[2].utf8), boundary: boundary) {
      require(parsed.arguments.names.count <= MultipartParser.maxParts, "more parts than maxParts")
    }
  }
  _ = MultipartParser.parse(body: Array(bytes), boundary: "b")
  // cookies
  for (name, _) in CookieParser.parse(parts[0]) {
    require(!name.contains(";"), "a cookie name holds the separator: \(name.debugDescription)")
  }
}
