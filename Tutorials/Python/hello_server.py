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
