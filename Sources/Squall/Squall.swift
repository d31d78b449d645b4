// The library's public API is the Tornado port. Of its pure values it re-exports only those its
// own signatures use (as Hummingbird re-exports HTTPTypes); the playground's helpers
// (TerminalSafe, JSONReindent, NumberOption…) stay in SquallValues, imported by name.
@_exported import struct NIOHTTP1.HTTPHeaders
@_exported import struct SquallValues.ExchangeTiming
@_exported import struct SquallValues.HTTPClientDefaults
import enum SquallValues.SquallVersion

/// The library's version: Tornado's `tornado.version`, written `Squall.version`.
public let version = SquallVersion.number
