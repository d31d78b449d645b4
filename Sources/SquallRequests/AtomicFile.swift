import Foundation

/// Files written whole or not at all (a temporary file, then `rename`), and read back with a
/// bad one set aside as `NAME.corrupt-TIME` instead of being lost or overwritten.
public enum AtomicFile {
  public static func write(_ data: Data, to file: URL) throws {
    let folder = file.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(
      ".\(file.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp"
    )
    try data.write(to: temporary)
    if rename(temporary.path, file.path) != 0 {
      let code = errno
      try? FileManager.default.removeItem(at: temporary)
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path, "errno": code])
    }
  }

  /// Pretty, sorted JSON: readable and diff-friendly in git.
  public static func writeJSON<T: Encodable>(_ value: T, to file: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try write(try encoder.encode(value) + Data("\n".utf8), to: file)
  }

  /// The decoded file, nil when it does not exist, or — when it cannot be read or decoded —
  /// nil and a message saying where the bad file was moved.
  public static func readJSON<T: Decodable>(_ type: T.Type, from file: URL) -> (value: T?, problem: String?) {
    guard FileManager.default.fileExists(atPath: file.path) else { return (nil, nil) }
    do {
      return (try JSONDecoder().decode(type, from: Data(contentsOf: file)), nil)
    } catch {
      let aside = file.deletingLastPathComponent().appendingPathComponent(
        "\(file.lastPathComponent).corrupt-\(Int(Date().timeIntervalSince1970))")
      do {
        try FileManager.default.moveItem(at: file, to: aside)
        return (nil, "Could not read \(file.path) (\(reason(error))); moved it to \(aside.lastPathComponent).")
      } catch {
        return (nil, "Could not read \(file.path) (\(reason(error))) nor move it aside; it was left as it is.")
      }
    }
  }

  static func reason(_ error: any Error) -> String {
    if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
    if let decoding = error as? DecodingError { return "\(decoding)".prefix(120).description }
    return (error as NSError).localizedDescription
  }
}
