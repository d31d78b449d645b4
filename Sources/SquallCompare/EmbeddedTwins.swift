// Generated from Tutorials/Python/ by `SQUALL_UPDATE_TWINS=1 swift test --filter EmbeddedTwinsTests`:
// edit the .py files, not this one. `EmbeddedTwinsTests` fails when the two differ.

/// The Python twins, built into `squall` so that `squall compare` and the playground's Tornado
/// reference run the same files a copy of the binary anywhere.
enum EmbeddedTwins {
  static let files: [String: String] = [
    "echo_app.py": ##"""
    # The echo app and the lessons' handlers on Tornado: the Python twin of Squall's echo example
    # (Tutorials/Examples/*.swift). Lessons show its regions (# snippet.NAME … # snippet.end) beside
    # the Swift ones; TwinDifferentialTests runs it with Tornado and sends both the same requests.
    # Usage: python3 echo_app.py [PORT] [--gzip] [--xheaders]  (0: a free port, printed as "ready PORT");
    # --gzip: compress_response=True (lesson 16); --xheaders: trust a proxy's headers (lesson 17).
    import asyncio
    import os
    import signal
    import sys
    import time

    import tornado.httpserver
    import tornado.httputil
    import tornado.ioloop
    import tornado.netutil
    import tornado.web
    import tornado.websocket


    # snippet.main-handler
    class MainHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)   # a POST gets 405 (Squall adds Allow: GET)

        def get(self):
            self.write("Hello, world")
    # snippet.end


    class EchoHandler(tornado.web.RequestHandler):
        """The request as JSON: arguments, body, headers, method, path (keys sorted, as Squall's)."""
        SUPPORTED_METHODS = ("GET", "POST", "PUT")

        def echo(self):
            self.write({
                "arguments": {name: self.get_arguments(name) for name in sorted(self.request.arguments)},
                "body": self.request.body.decode("utf-8", "replace"),
                "headers": dict(sorted(self.request.headers.get_all())),
                "method": self.request.method,
                "path": self.request.path,
            })

        def get(self):
            self.echo()

        def post(self):
            self.echo()

        def put(self):
            self.echo()


    # snippet.greet-handler
    class GreetHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self, name):
            self.write("Hello, " + name)
    # snippet.end


    def seconds(text, default, most):
        try:
            return min(float(text), most)
        except ValueError:
            return default


    # snippet.slow-handler
    class SlowHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        async def get(self):
            delay = seconds(self.get_argument("delay", "1"), 1.0, 30)
            await asyncio.sleep(delay)   # waits without holding the thread
            self.write("Slept %ss" % delay)
    # snippet.end


    # snippet.stream-handler
    class StreamHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        async def get(self):
            count = min(int(self.get_argument("count", "5")), 1000)
            for index in range(1, max(count, 1) + 1):
                self.write("chunk %d\n" % index)
                await self.flush()
    # snippet.end


    # snippet.blocking-handler
    class BlockingHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            delay = seconds(self.get_argument("delay", "1"), 1.0, 5)
            time.sleep(delay)            # holds the thread: nothing else runs
            self.write("Blocked %ss" % delay)
    # snippet.end


    # snippet.hi-handler
    class HiHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self, name):
            excited = self.get_argument("excited", "no") == "yes"
            self.set_header("X-Greeted", name)
            self.write({"excited": excited, "greeting": "Hello, " + name})
    # snippet.end


    # snippet.form-handler
    class FormHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("POST",)

        def post(self):
            if self.request.headers.get("Content-Type", "").startswith("application/json"):
                self.write("JSON body: " + self.request.body.decode())
            else:
                self.write("Form field name = " + self.get_body_argument("name", "nobody"))
    # snippet.end


    # snippet.teapot-handler
    class TeapotHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            raise tornado.web.HTTPError(418, "asked for coffee")   # the message goes to the log
    # snippet.end


    # snippet.boom-handler
    class BoomHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            prices = {"tea": 3}
            self.write("Coffee costs %d" % prices["coffee"])   # KeyError: a 500
    # snippet.end


    # snippet.json-errors
    class JSONErrorsHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            raise tornado.web.HTTPError(int(self.get_argument("status", "400")))

        def write_error(self, status_code, **kwargs):
            self.write({"code": status_code, "message": tornado.httputil.responses.get(status_code, "Unknown")})
    # snippet.end


    # snippet.visits-handler
    class VisitsHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            visits = int(self.get_cookie("visits", "0")) + 1
            self.set_cookie("visits", str(visits))   # Set-Cookie: visits=N; Path=/
            self.write("Visit number %d" % visits)
    # snippet.end


    # snippet.numbers-handler
    class NumbersHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            count = min(max(int(self.get_argument("count", "300")), 0), 10000)
            self.write({"count": count, "numbers": list(range(1, count + 1))})
    # snippet.end


    # snippet.whoami-handler
    class WhoAmIHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            self.write({"protocol": self.request.protocol, "remote_ip": self.request.remote_ip})
    # snippet.end


    # snippet.ws-echo
    class EchoWebSocket(tornado.websocket.WebSocketHandler):
        def open(self):
            pass

        def on_message(self, message):
            self.write_message(message, binary=isinstance(message, bytes))   # text as text, binary as binary

        def on_close(self):
            pass
    # snippet.end


    # snippet.ws-deflate
    class DeflateEchoWebSocket(EchoWebSocket):
        def get_compression_options(self):
            return {}   # permessage-deflate with zlib's defaults
    # snippet.end


    # snippet.ws-chat
    class ChatWebSocket(tornado.websocket.WebSocketHandler):
        connections = set()   # every open /chat connection, shared by the class

        def open(self):
            ChatWebSocket.connections.add(self)

        def on_message(self, message):
            for connection in list(ChatWebSocket.connections):   # the sender too
                try:
                    connection.write_message(message, binary=isinstance(message, bytes))
                except tornado.websocket.WebSocketClosedError:
                    pass   # closing, not yet removed: skip it

        def on_close(self):
            ChatWebSocket.connections.discard(self)
    # snippet.end


    # The folder /static/ serves (lesson 15), written as Squall's StaticFolder writes it: the same
    # files in the same place, so both servers answer with the same bytes, Etag and Last-Modified.
    STATIC_FILES = {"hello.txt": "Hello from a static file.\n"}
    STATIC_PATH = os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "squall", "static")


    def prepare_static_folder():
        os.makedirs(STATIC_PATH, exist_ok=True)
        for name, content in STATIC_FILES.items():
            target = os.path.join(STATIC_PATH, name)
            data = content.encode()
            try:
                with open(target, "rb") as existing:
                    if existing.read() == data:
                        continue
            except OSError:
                pass
            with open(target + ".tmp", "wb") as out:
                out.write(data)
            os.replace(target + ".tmp", target)


    def make_app(**settings):
        prepare_static_folder()
        return tornado.web.Application([
            (r"/", MainHandler),
            (r"/echo", EchoHandler),
            (r"/greet/([^/]+)", GreetHandler),
            (r"/slow", SlowHandler),
            (r"/stream", StreamHandler),
            # snippet.redirect-route
            (r"/redirect", tornado.web.RedirectHandler, {"url": "/", "permanent": False}),   # 302 to /
            # snippet.end
            (r"/blocking", BlockingHandler),
            (r"/hi/([^/]+)", HiHandler),
            (r"/form", FormHandler),
            (r"/teapot", TeapotHandler),
            (r"/boom", BoomHandler),
            (r"/oops", JSONErrorsHandler),
            (r"/visits", VisitsHandler),
            # snippet.static-route
            (r"/static/(.*)", tornado.web.StaticFileHandler, {"path": STATIC_PATH}),
            # snippet.end
            (r"/numbers", NumbersHandler),
            (r"/whoami", WhoAmIHandler),
            (r"/ws", EchoWebSocket),
            (r"/chat", ChatWebSocket),
            (r"/ws-deflate", DeflateEchoWebSocket),
        ], **settings)


    # snippet.stopping
    async def shut_down(http_server):
        http_server.stop()                          # no new connections; open ones stay
        await http_server.close_all_connections()   # now close those too
        tornado.ioloop.IOLoop.current().stop()
    # snippet.end


    if __name__ == "__main__":
        # snippet.server-options
        http_server = tornado.httpserver.HTTPServer(make_app(), max_buffer_size=50485760)
        # snippet.end
        if "--gzip" in sys.argv:   # lesson 16: the same app, compressing
            # snippet.gzip-settings
            app = make_app(compress_response=True)
            # snippet.end
            http_server = tornado.httpserver.HTTPServer(app)
        if "--xheaders" in sys.argv:   # lesson 17: behind a proxy
            # snippet.xheaders-options
            http_server = tornado.httpserver.HTTPServer(make_app(), xheaders=True)
            # snippet.end
        if False:   # lesson 11's options, shown as a region; the tests run the server above
            # snippet.keep-alive-options
            http_server = tornado.httpserver.HTTPServer(
                make_app(),
                no_keep_alive=True,            # every response says Connection: close, then closes
                idle_connection_timeout=2)     # a kept connection idle for 2 s is closed
            # snippet.end
        ports = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
        sockets = tornado.netutil.bind_sockets(int(ports[0]) if ports else 8888, address="127.0.0.1")
        http_server.add_sockets(sockets)
        loop = tornado.ioloop.IOLoop.current()
        signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(shut_down, http_server))
        print("ready", sockets[0].getsockname()[1], flush=True)
        if os.environ.get("SQUALL_WATCH_PARENT") == "1":   # started by squall: end when it ends
            loop.add_handler(sys.stdin.fileno(), lambda fd, _: os.read(fd, 1) or loop.stop(), loop.READ)
        loop.start()

    """##,
    "faults_app.py": ##"""
    # The faults app on Tornado: the Python twin of Squall's faults example
    # (Tutorials/Examples/Faults.swift, the bytes in Sources/SquallValues/WireFault.swift). Each
    # route takes its connection over from HTTP with RequestHandler.detach() after the request has
    # been read, and writes what its name says: bytes a client must refuse, pauses, a close or a
    # TCP reset. TwinDifferentialTests checks that both apps put the same bytes on the socket.
    # Usage: python3 faults_app.py [PORT]  (0: a free port, printed as "ready PORT").
    import asyncio
    import os
    import re
    import socket
    import struct
    import sys

    import tornado.httpserver
    import tornado.ioloop
    import tornado.iostream
    import tornado.netutil
    import tornado.web


    def head(*lines):
        """A 200's head: the lines between Content-Type and Connection: close."""
        all_lines = ["HTTP/1.1 200 OK", "Content-Type: text/plain", *lines, "Connection: close"]
        return "".join(line + "\r\n" for line in all_lines).encode() + b"\r\n"


    def number(text, kind, default, low, high):
        """A query argument as a number held to [low, high]: plain decimal only (up to six digits,
        and six after a point for seconds), else the default, as Squall's twin reads it."""
        pattern = r"[0-9]{1,6}(\.[0-9]{1,6})?" if kind is float else r"[0-9]{1,6}"
        if text is None or not re.fullmatch(pattern, text):
            return default
        return min(max(kind(text), low), high)


    HUGE_HEADER_SIZE = 100 * 1024
    LONGEST_TRICKLE_MS = 60_000


    # snippet.fault-handler
    class FaultHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET", "POST", "PUT")

        def initialize(self, fault):
            self.fault = fault

        def argument(self, name):
            try:
                return self.get_query_argument(name, None)
            except tornado.web.HTTPError:       # not UTF-8: the default, as for any other non-number
                return None

        async def get(self):
            self.seconds = number(self.argument("seconds"), float, 5.0, 0.0, 60.0)
            self.count = number(self.argument("bytes"), int, 20, 1, 1000)
            every = number(self.argument("every"), int, 100, 0, 2000)
            self.every = min(every, LONGEST_TRICKLE_MS // max(self.count - 1, 1))
            stream = self.detach()              # the connection, no longer HTTP: bytes as they are
            try:
                await getattr(self, "send_" + self.fault.replace("-", "_"))(stream)
            except tornado.iostream.StreamClosedError:
                pass                            # the client went away first
            finally:
                stream.close()

        post = put = get
    # snippet.end

        async def send_short_body(self, stream):
            await stream.write(head("Content-Length: 100") + b"0123456789")

        async def send_bad_chunk(self, stream):
            await stream.write(head("Transfer-Encoding: chunked") + b"5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n")

        async def send_cut_chunked(self, stream):
            await stream.write(head("Transfer-Encoding: chunked") + b"5\r\nhello\r\n")

        async def send_garbage_status(self, stream):
            await stream.write(b"HELLO, I AM NOT HTTP\r\n\r\n")

        async def send_no_response(self, stream):
            pass

        async def send_reset(self, stream):
            # SO_LINGER 0: close() sends a reset instead of a FIN
            stream.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

        async def send_stall_after_head(self, stream):
            await stream.write(head("Content-Length: 5"))
            await asyncio.sleep(self.seconds)
            await stream.write(b"hello")

        async def send_trickle(self, stream):
            await stream.write(head("Content-Length: %d" % self.count))
            for index in range(self.count):
                if index > 0 and self.every > 0:
                    await asyncio.sleep(self.every / 1000)
                await stream.write(bytes([ord("a") + index % 26]))

        async def send_two_lengths(self, stream):
            await stream.write(head("Content-Length: 5", "Content-Length: 10") + b"hello")

        async def send_no_colon(self, stream):
            await stream.write(head("This line has no colon", "Content-Length: 5") + b"hello")

        async def send_huge_header(self, stream):
            await stream.write(head("X-Huge: " + "a" * HUGE_HEADER_SIZE, "Content-Length: 5") + b"hello")

        async def send_early_hints(self, stream):
            hints = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
            await stream.write(hints + head("Content-Length: 2") + b"ok")


    FAULTS = [
        ("short-body", "", "Content-Length: 100, then 10 bytes, then close"),
        ("bad-chunk", "", "chunked, then a chunk size that is not hex"),
        ("cut-chunked", "", "chunked, one chunk, then close without the last 0 chunk"),
        ("garbage-status", "", "a first line that is not an HTTP status line, then close"),
        ("no-response", "", "close without writing a byte"),
        ("reset", "", "a TCP reset (SO_LINGER 0) instead of an answer"),
        ("stall-after-head", "?seconds=N",
         "a whole head (Content-Length: 5), then nothing for N s (default 5), then the body"),
        ("trickle", "?bytes=N&every=MS", "a valid answer, its body one byte every MS ms (default 20 bytes, 100 ms)"),
        ("two-lengths", "", "two different Content-Length headers"),
        ("no-colon", "", "a header line without a colon"),
        ("huge-header", "", "a 100 KiB header, past the clients' 64 KiB limit"),
        ("early-hints", "", "a 103 Early Hints, then the answer (valid HTTP)"),
    ]


    class FaultsIndexHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            self.set_header("Content-Type", "text/plain; charset=UTF-8")
            self.write("Each route sends what its name says, after reading the request:\n")
            for name, query, summary in FAULTS:
                self.write("GET /fault/%s%s  %s\n" % (name, query, summary))


    def make_app():
        return tornado.web.Application(
            [(r"/", FaultsIndexHandler)]
            + [(r"/fault/" + name, FaultHandler, {"fault": name}) for name, _, _ in FAULTS])


    if __name__ == "__main__":
        http_server = tornado.httpserver.HTTPServer(make_app())
        ports = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
        sockets = tornado.netutil.bind_sockets(int(ports[0]) if ports else 8888, address="127.0.0.1")
        http_server.add_sockets(sockets)
        loop = tornado.ioloop.IOLoop.current()
        print("ready", sockets[0].getsockname()[1], flush=True)
        if os.environ.get("SQUALL_WATCH_PARENT") == "1":   # started by squall: end when it ends
            loop.add_handler(sys.stdin.fileno(), lambda fd, _: os.read(fd, 1) or loop.stop(), loop.READ)
        loop.start()

    """##,
    "hello_server.py": ##"""
    # The seed tutorial's server example, unchanged but for the port, which the differential
    # tests pass on the command line (the seed listens on 8888); port 0 lets the system pick a
    # free port, printed as "ready PORT". Lessons show its regions (# snippet.NAME … # snippet.end).
    import os
    import sys

    import tornado.httpserver
    import tornado.ioloop
    import tornado.netutil
    import tornado.web


    # snippet.main-handler
    class MainHandler(tornado.web.RequestHandler):
        def get(self):
            self.write("Hello, world")
    # snippet.end


    # snippet.make-app
    def make_app():
        return tornado.web.Application([
            (r"/", MainHandler),
        ])
    # snippet.end


    if __name__ == "__main__":
        # snippet.listen
        app = make_app()
        http_server = tornado.httpserver.HTTPServer(app)
        # listen(port) in one step; in two, to learn the port the system chose for port 0:
        sockets = tornado.netutil.bind_sockets(int(sys.argv[1]) if len(sys.argv) > 1 else 8888, address="127.0.0.1")
        http_server.add_sockets(sockets)
        # snippet.hide
        print("ready", sockets[0].getsockname()[1], flush=True)
        if os.environ.get("SQUALL_WATCH_PARENT") == "1":   # started by squall: end when it ends
            loop = tornado.ioloop.IOLoop.current()
            loop.add_handler(sys.stdin.fileno(), lambda fd, _: os.read(fd, 1) or loop.stop(), loop.READ)
        # snippet.show
        tornado.ioloop.IOLoop.current().start()
        # snippet.end

    """##,
  ]
}
