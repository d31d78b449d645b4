# Tornado serving the benchmark's three routes: GET / (the seed's MainHandler), POST /echo
# (the body back) and GET /sleep (awaits 10 ms). Usage: python3 tornado_server.py PORT
import asyncio
import sys

import tornado.httpserver
import tornado.ioloop
import tornado.web


class MainHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello, world")


class EchoHandler(tornado.web.RequestHandler):
    def post(self):
        self.write(self.request.body)


class SleepHandler(tornado.web.RequestHandler):
    async def get(self):
        await asyncio.sleep(0.01)
        self.write("Slept")


if __name__ == "__main__":
    app = tornado.web.Application([(r"/", MainHandler), (r"/echo", EchoHandler), (r"/sleep", SleepHandler)])
    tornado.httpserver.HTTPServer(app).listen(int(sys.argv[1]), address="127.0.0.1")
    print("ready", flush=True)
    tornado.ioloop.IOLoop.current().start()
