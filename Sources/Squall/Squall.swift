/// The library builds on its pure values (URL and header checks, JSON, terminal-safe text);
/// importing Squall brings them, as Hummingbird brings HTTPTypes.
@_exported import SquallValues

@_exported import struct NIOHTTP1.HTTPHeaders
