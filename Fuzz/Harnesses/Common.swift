// Shared by every harness: how a property failure is reported. Compiled into each harness
// binary with the package sources it needs (see Fuzz/run.sh).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Stops the run when a property does not hold: libFuzzer keeps the input as a crash artifact.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() {
    // A NUL would end the C string: show it, and every other control character, escaped.
    let shown = message().unicodeScalars.map {
      $0 == "\n" || ($0.value >= 0x20 && $0.value != 0x7F) ? String($0) : "\\u{\(String($0.value, radix: 16))}"
    }.joined()
    let text = "property failed: \(shown)\n"
    fputs(text, stderr)
    abort()
  }
}

/// The input as text: valid UTF-8 as it is, anything else decoded with replacement characters
/// (what a terminal paste or a file read as `String` gives).
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Splits the input at NUL bytes into at most `count` fields (missing ones empty).
func fields(_ bytes: [UInt8], _ count: Int) -> [String] {
  var parts = bytes.split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false).map {
    String(decoding: $0, as: UTF8.self)
  }
  while parts.count < count { parts.append("") }
  return parts
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  check(bytes)
  return 0
}
