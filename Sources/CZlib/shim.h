// zlib for permessage-deflate (RFC 7692): raw deflate streams with Z_SYNC_FLUSH, which no
// library of the package exposes (NIOHTTPCompression keeps its zlib to itself).
#include <zlib.h>
