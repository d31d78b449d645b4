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
