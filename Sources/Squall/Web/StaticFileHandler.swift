import Foundation

/// Serves files from a folder (`kwargs["path"]`), as Tornado's `StaticFileHandler`:
/// `Etag` and `Last-Modified` with `304` answers, single byte ranges (`206`, `416`), and
/// refusal (`403`) of any path that leaves the folder.
public final class StaticFileHandler: RequestHandler {
  private var root = "."
  private var defaultFilename: String?

  public override func initialize(_ kwargs: [String: any Sendable]) {
    root = kwargs["path"] as? String ?? "."
    defaultFilename = kwargs["default_filename"] as? String
  }

  public override func head(_ args: [String]) async throws {
    try await serve(args.first ?? "", includeBody: false)
  }

  public override func get(_ args: [String]) async throws {
    try await serve(args.first ?? "", includeBody: true)
  }

  private func serve(_ relative: String, includeBody: Bool) async throws {
    let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
    var fileURL = rootURL.appendingPathComponent(relative).standardizedFileURL
      .resolvingSymlinksInPath()
    let rootPath = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
    guard fileURL.path.hasPrefix(rootPath) || fileURL.path == rootURL.path else {
      throw HTTPError(403, "\(relative) is not in root static directory")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: fileURL.path, isDirectory: &isDirectory) else {
      throw HTTPError(404)
    }
    if isDirectory.boolValue {
      guard let defaultFilename else { throw HTTPError(403, "\(relative) is a directory") }
      if !request.path.hasSuffix("/") && !relative.isEmpty {
        // Tornado 6.3.2 and 6.6.0: `//evil.com/..` or `/\evil.com/..` would redirect to another
        // host (browsers read `//` and `/\` as the start of a host name).
        if request.path.hasPrefix("//") || request.path.hasPrefix("/\\") {
          throw HTTPError(403, "cannot redirect path with two initial slashes")
        }
        try await redirect(request.path + "/", permanent: true)
        return
      }
      fileURL.appendPathComponent(defaultFilename)
    }
    guard let data = FileManager.default.contents(atPath: fileURL.path) else { throw HTTPError(404) }
    let bytes = [UInt8](data)
    let attributes = try? FileManager.default.attributesOfItem(atPath: fileURL.path)
    let modified = (attributes?[.modificationDate] as? Date).map(HTTPDate.init)

    // Tornado's `set_headers`, in its order: Accept-Ranges, Etag (SHA-512 of the content, its
    // `get_content_version`), Last-Modified, Content-Type, then the cache headers of `?v=`.
    let etag = "\"\(HexDigest.sha512(bytes))\""
    setHeader("Accept-Ranges", "bytes")
    setHeader("Etag", etag)
    if let modified { setHeader("Last-Modified", modified.formatted) }
    setHeader("Content-Type", Self.contentType(for: fileURL.pathExtension))
    if request.queryArguments["v"].isEmpty == false {
      setHeader("Expires", HTTPDate(Date().addingTimeInterval(315_360_000)).formatted)
      setHeader("Cache-Control", "max-age=315360000")
    }
    if isNotModified(etag: etag, modified: modified) {
      setStatus(304)
      return
    }
    var slice = bytes[...]
    if let rangeHeader = request.headers.first(name: "Range") {
      switch ByteRange.parse(rangeHeader, size: bytes.count) {
      case .none: break
      case .unsatisfiable:
        setStatus(416)
        setHeader("Content-Type", "text/plain")
        setHeader("Content-Range", "bytes */\(bytes.count)")
        return
      case .range(let range):
        setStatus(206)
        setHeader("Content-Range", "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(bytes.count)")
        slice = bytes[range]
      }
    }
    setHeader("Content-Length", slice.count)
    if includeBody { write(Array(slice)) }
  }

  private func isNotModified(etag: String, modified: HTTPDate?) -> Bool {
    if request.headers.contains(name: "If-None-Match") { return checkEtagHeader() }
    if let since = request.headers.first(name: "If-Modified-Since").flatMap(HTTPDate.init(parsing:)),
      let modified
    {
      return modified <= since
    }
    return false
  }

  static func contentType(for fileExtension: String) -> String {
    switch fileExtension.lowercased() {
    case "html", "htm": return "text/html"
    case "css": return "text/css"
    case "js", "mjs": return "text/javascript"
    case "json": return "application/json"
    case "txt", "md": return "text/plain"
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "gif": return "image/gif"
    case "svg": return "image/svg+xml"
    case "ico": return "image/x-icon"
    case "pdf": return "application/pdf"
    case "wasm": return "application/wasm"
    case "xml": return "application/xml"
    default: return "application/octet-stream"
    }
  }
}
