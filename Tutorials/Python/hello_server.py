# The seed tutorial's server example, unchanged but for the port, which the differential
# tests pass on the command line (the seed listens on 8888).
import sys

import tornado.httpserver
import tornado.ioloop
import tornado.web


class MainHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello, world")


def make_app():
    return tornado.web.Application([
        (r"/", MainHandler),
    ])


if __name__ == "__main__":
    app = make_app()
    http_server = tornado.httpserver.HTTPServer(app)
    http_server.listen(int(sys.argv[1]) if len(sys.argv) > 1 else 8888, address="127.0.0.1")
    print("ready", flush=True)
    tornado.ioloop.IOLoop.current().start()
