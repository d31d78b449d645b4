import Foundation

/// Files written whole or not at all (a temporary file, then `rename`), and read back with a
/// bad one set aside as `NAME.corrupt-TIME` instead of being lost or overwritten.
package enum AtomicFile {
  /// Why a file could not be written, in the C library's words (`Not a directory`,
  /// `Permission denied`, `No space left on device`).
  package struct WriteError: Error, CustomStringConvertible, Equatable {
    package var path: String
    package var reason: String
    package var description: String { "could not write \(path): \(reason)" }
  }

  /// Writes `data` to a temporary file in the same folder, flushes it to disk, then renames it
  /// over `file`: a reader sees the old file or the new one, never a part. Missing folders are
  /// made, unless `makingFolders` is false (a path the user typed: a typo must not leave
  /// folders behind). Errors carry the system's reason (`WriteError`).
  package static func write(_ data: Data, to file: URL, makingFolders: Bool = true) throws {
    let folder = file.deletingLastPathComponent().path
    if makingFolders {
      if let reason = makeFolder(folder) { throw WriteError(path: file.path, reason: reason) }
    } else {
      var status = stat()
      guard stat(folder, &status) == 0 else {
        throw WriteError(path: file.path, reason: "the folder \(folder) does not exist (make it first)")
      }
      guard status.st_mode & S_IFMT == S_IFDIR else {
        throw WriteError(path: file.path, reason: "\(folder) is a file, not a folder")
      }
    }
    let temporary =
      folder
      + "/.\(file.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp"
    if let reason = writeWhole(data, to: temporary) {
      unlink(temporary)
      throw WriteError(path: file.path, reason: reason)
    }
    if rename(temporary, file.path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw WriteError(path: file.path, reason: reason)
    }
  }

  /// Makes `path` and its missing parents; the system's reason when it cannot.
  static func makeFolder(_ path: String) -> String? {
    var status = stat()
    if stat(path, &status) == 0 {
      return status.st_mode & S_IFMT == S_IFDIR ? nil : "\(path) is a file, not a folder"
    }
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty && parent != path, let reason = makeFolder(parent) { return reason }
    return mkdir(path, 0o755) == 0 || errno == EEXIST ? nil : String(cString: strerror(errno))
  }

  /// The file's bytes; its system's reason (`Is a directory`, `Permission denied`) when it
  /// cannot be read.
  package static func read(_ file: URL) throws -> Data {
    let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw ReadError(reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { throw ReadError(reason: String(cString: strerror(errno))) }
      if count == 0 { return data }
      data.append(contentsOf: chunk[..<count])
    }
  }

  struct ReadError: Error { var reason: String }

  /// Writes all of `data` to a new file at `path` and flushes it; the system's reason on failure.
  private static func writeWhole(_ data: Data, to path: String) -> String? {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return String(cString: strerror(errno)) }
    defer { close(descriptor) }
    let failure: String? = data.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return String(cString: strerror(errno)) }
        offset += written
      }
      return nil
    }
    if let failure { return failure }
    return fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))
  }

  /// Pretty, sorted JSON: readable and diff-friendly in git.
  package static func writeJSON<T: Encodable>(_ value: T, to file: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try write(try encoder.encode(value) + Data("\n".utf8), to: file)
  }

  /// The decoded file, nil when it does not exist, or — when it cannot be read or decoded —
  /// nil and a message saying where the bad file was moved.
  package static func readJSON<T: Decodable>(_ type: T.Type, from file: URL) -> (value: T?, problem: String?) {
    guard FileManager.default.fileExists(atPath: file.path) else { return (nil, nil) }
    do {
      return (try JSONDecoder().decode(type, from: read(file)), nil)
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

  /// An error in a few words: a decoding error's context, or the system's reason for a failed
  /// read or write (`Is a directory`).
  package static func reason(_ error: any Error) -> String {
    if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
    if let decoding = error as? DecodingError { return "\(decoding)".prefix(120).description }
    if let written = error as? WriteError { return written.reason }
    if let read = error as? ReadError { return read.reason }
    var current: NSError? = error as NSError
    while let ns = current {
      if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
      current = ns.userInfo[NSUnderlyingErrorKey] as? NSError
    }
    return (error as NSError).localizedDescription
  }
}

// The C library's read(2) and write(2), under names that `AtomicFile`'s own do not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}
