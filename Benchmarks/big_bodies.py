"""Serves large bodies on loopback for Benchmarks/playground-frames.sh: /big (10 MB of text
lines), /line (1 MB on one line), /json (a 10 MB JSON array). Binds port 0 and prints
`ready PORT`; stops when stdin closes or on SIGTERM."""
import http.server
import socketserver
import sys
import threading

BODIES = {
    "/big": ("text/plain", b"".join(b"line %07d: the quick brown fox jumps over the lazy dog\n" % i for i in range(180_000))[: 10 * 1024 * 1024]),
    "/line": ("text/plain", b"x" * (1024 * 1024)),
    "/json": ("application/json", b"[" + b",".join(b'{"id": %d, "name": "item %d"}' % (i, i) for i in range(330_000)) + b"]"),
}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        kind, body = BODIES.get(self.path, ("text/plain", b"not found\n"))
        self.send_response(200 if self.path in BODIES else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
print("ready", server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
