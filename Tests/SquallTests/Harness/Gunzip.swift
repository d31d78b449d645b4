import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPCompression

struct GunzipFailed: Error {}

/// Inflates a gzip body with NIO's response decompressor on an `EmbeddedChannel`, as a client
/// would: a test compares what two servers' gzip bodies hold, not their compressed bytes.
func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
  let channel = EmbeddedChannel()
  try channel.pipeline.syncOperations.addHandler(NIOHTTPResponseDecompressor(limit: .none))
  var headers = HTTPHeaders()
  headers.add(name: "Content-Encoding", value: "gzip")
  try channel.writeInbound(HTTPClientResponsePart.head(.init(version: .http1_1, status: .ok, headers: headers)))
  try channel.writeInbound(HTTPClientResponsePart.body(ByteBuffer(bytes: bytes)))
  try channel.writeInbound(HTTPClientResponsePart.end(nil))
  var inflated: [UInt8] = []
  var ended = false
  while let part = try channel.readInbound(as: HTTPClientResponsePart.self) {
    switch part {
    case .head: continue
    case .body(let buffer): inflated += buffer.readableBytesView
    case .end: ended = true
    }
  }
  _ = try channel.finish()
  guard ended else { throw GunzipFailed() }
  return inflated
}
