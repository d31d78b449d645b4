import CZlib

/// What `permessage-deflate` (RFC 7692) may use: Tornado's `get_compression_options()` dict.
public struct WebSocketCompression: Sendable, Equatable {
  /// zlib's level, 0 (none) to 9 (best); -1 is zlib's default (Tornado's `compression_level`).
  public var level: Int32
  /// zlib's memory level, 1 to 9 (Tornado's `mem_level`, 8 by default).
  public var memoryLevel: Int32

  /// Values outside zlib's ranges are brought into them (level -1…9, memory level 1…9).
  public init(level: Int32 = -1, memoryLevel: Int32 = 8) {
    self.level = min(max(level, -1), 9)
    self.memoryLevel = min(max(memoryLevel, 1), 9)
  }
}

/// The parameters both sides agreed on, and the offer and answer of the handshake, as
/// Tornado's `_parse_extensions_header`, `_get_compressor_options` read them. Pure.
package struct DeflateAgreement: Sendable, Equatable {
  /// The parameters as written: `client_max_window_bits` may have no value.
  package var parameters: [(name: String, value: String?)]

  package static func == (lhs: DeflateAgreement, rhs: DeflateAgreement) -> Bool {
    lhs.parameters.elementsEqual(rhs.parameters) { $0.name == $1.name && $0.value == $1.value }
  }

  /// `Sec-WebSocket-Extensions`' extensions, each with its parameters. Pure.
  package static func extensions(_ header: String) -> [(name: String, parameters: [(name: String, value: String?)])] {
    header.split(separator: ",").compactMap { item in
      let parts = item.split(separator: ";").map { $0.trimmingSpaces }
      guard let name = parts.first, !name.isEmpty else { return nil }
      let parameters = parts.dropFirst().filter { !$0.isEmpty }.map { part -> (String, String?) in
        guard let equals = part.firstIndex(of: "=") else { return (part.lowercased(), nil) }
        var value = String(part[part.index(after: equals)...]).trimmingSpaces
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
          value = String(value.dropFirst().dropLast())
        }
        return (String(part[..<equals]).trimmingSpaces.lowercased(), value)
      }
      return (name.lowercased(), parameters)
    }
  }

  /// The server's answer to the first `permessage-deflate` offer: its parameters echoed, but a
  /// `client_max_window_bits` without a value (Tornado's `_accept_connection`). Nil without an
  /// offer. Pure.
  package static func answer(toOffers header: String?) -> DeflateAgreement? {
    guard let header else { return nil }
    // The first offer Squall can honour (RFC 7692 §5: an offer with an unknown or repeated
    // parameter is declined, and the next one considered).
    for offer in extensions(header) where offer.name == "permessage-deflate" {
      let agreement = DeflateAgreement(
        parameters: offer.parameters.filter { !($0.name == "client_max_window_bits" && $0.value == nil) })
      if agreement.isValid(offered: offer.parameters) { return agreement }
    }
    return nil
  }

  static let known = [
    "server_no_context_takeover", "client_no_context_takeover", "server_max_window_bits", "client_max_window_bits",
  ]

  /// Known parameters, each once; window bits 9…15 where given (zlib cannot deflate in a
  /// 256-byte window, so 8 is declined); `server_max_window_bits` always with a value. Pure.
  package func isValid(offered: [(name: String, value: String?)]? = nil) -> Bool {
    let names = (offered ?? parameters).map(\.name)
    guard names.allSatisfy(Self.known.contains), Set(names).count == names.count else { return false }
    for parameter in parameters where parameter.name.hasSuffix("_max_window_bits") {
      guard let value = parameter.value, let bits = Int32(value), (9...15).contains(bits) else { return false }
    }
    return !parameters.contains { $0.name.hasSuffix("_no_context_takeover") && $0.value != nil }
  }

  /// The header's value: `permessage-deflate; server_no_context_takeover`. Pure.
  package var header: String {
    (["permessage-deflate"]
      + parameters.map { parameter in parameter.value.map { "\(parameter.name)=\($0)" } ?? parameter.name })
      .joined(separator: "; ")
  }

  /// Whether `side` (`server` or `client`) keeps its compression context between messages.
  package func persistent(_ side: String) -> Bool {
    !parameters.contains { $0.name == "\(side)_no_context_takeover" }
  }

  /// `side`'s window bits: its `_max_window_bits`, else 15; refused outside 8…15.
  package func windowBits(_ side: String) -> Int32? {
    guard let written = parameters.first(where: { $0.name == "\(side)_max_window_bits" })?.value else { return 15 }
    guard let bits = Int32(written), (9...15).contains(bits) else { return nil }
    return bits
  }
}

/// One direction's deflate (RFC 7692 §7.2.1): a message compressed with a sync flush, its last
/// four bytes (`00 00 ff ff`) dropped; the context kept between messages unless it must not be.
final class MessageDeflater {
  private var stream = z_stream()
  private let persistent: Bool
  private let level: Int32, windowBits: Int32, memoryLevel: Int32
  private var ready = false

  init(compression: WebSocketCompression, windowBits: Int32, persistent: Bool) {
    self.persistent = persistent
    self.level = compression.level
    // zlib refuses 8 for raw deflate; 9 is what it uses for 8 itself.
    self.windowBits = max(9, windowBits)
    self.memoryLevel = compression.memoryLevel
  }

  deinit { if ready { deflateEnd(&stream) } }

  func compress(_ bytes: [UInt8]) -> [UInt8] {
    if !ready {
      stream = z_stream()
      ready =
        deflateInit2_(
          &stream, level, Z_DEFLATED, -windowBits, memoryLevel, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
          Int32(MemoryLayout<z_stream>.size)) == Z_OK
      guard ready else { return bytes }
    }
    var input = bytes
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: max(64, bytes.count / 2 + 64))
    input.withUnsafeMutableBufferPointer { inputBuffer in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = UInt32(inputBuffer.count)
      repeat {
        chunk.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          _ = deflate(&stream, Z_SYNC_FLUSH)
          output.append(contentsOf: buffer.prefix(buffer.count - Int(stream.avail_out)))
        }
      } while stream.avail_out == 0
      stream.next_in = nil
    }
    if output.suffix(4) == [0, 0, 0xFF, 0xFF] { output.removeLast(4) }
    if !persistent {
      deflateEnd(&stream)
      ready = false
    }
    return output
  }
}

/// One direction's inflate: the four bytes put back, the message inflated, never past `limit`.
final class MessageInflater {
  private var stream = z_stream()
  private let persistent: Bool
  private let windowBits: Int32
  private var ready = false

  init(windowBits: Int32, persistent: Bool) {
    self.persistent = persistent
    self.windowBits = max(9, windowBits)
  }

  deinit { if ready { inflateEnd(&stream) } }

  /// The message, or nil when it is not deflate or inflates past `limit` bytes (`tooBig`).
  func decompress(_ bytes: [UInt8], limit: Int) -> (bytes: [UInt8]?, tooBig: Bool) {
    if !ready {
      stream = z_stream()
      ready = inflateInit2_(&stream, -windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
      guard ready else { return (nil, false) }
    }
    var input = bytes + [0, 0, 0xFF, 0xFF]
    var output: [UInt8] = []
    var failed = false
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    input.withUnsafeMutableBufferPointer { inputBuffer in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = UInt32(inputBuffer.count)
      while stream.avail_in > 0 || output.isEmpty {
        let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          let status = inflate(&stream, Z_SYNC_FLUSH)
          output.append(contentsOf: buffer.prefix(buffer.count - Int(stream.avail_out)))
          return status
        }
        if status == Z_BUF_ERROR && stream.avail_in == 0 { break }
        if status != Z_OK && status != Z_STREAM_END {
          failed = true
          break
        }
        if output.count > limit { break }
        if status == Z_STREAM_END { break }
      }
      stream.next_in = nil
    }
    if !persistent {
      inflateEnd(&stream)
      ready = false
    }
    if output.count > limit { return (nil, true) }
    return failed ? (nil, false) : (output, false)
  }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}

extension String {
  fileprivate var trimmingSpaces: String { Substring(self).trimmingSpaces }
}
