// The seed tutorial's "Tornado HTTP Server" example, in Swift with Squall.
//
//   import tornado.httpserver, tornado.ioloop, tornado.web
//
//   class MainHandler(tornado.web.RequestHandler):
//       def get(self):
//           self.write("Hello, world")
//
//   def make_app():
//       return tornado.web.Application([
//           (r"/", MainHandler),
//       ])
//
//   if __name__ == "__main__":
//       app = make_app()
//       http_server = tornado.httpserver.HTTPServer(app)
//       http_server.listen(8888)
//       tornado.ioloop.IOLoop.current().start()
import Foundation
import Squall

// snippet.main-handler
final class MainHandler: RequestHandler {
  override func get() async throws {
    write("Hello, world")
  }
}
// snippet.end

// snippet.make-app
func makeApp() -> Application {
  Application([
    (#"/"#, MainHandler.self)
  ])
}
// snippet.end

// snippet.listen
let app = makeApp()
let httpServer = HTTPServer(app)
// snippet.hide
// The seed listens on 8888; a port given on the command line wins (the tests use that).
let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8888
// snippet.show
try httpServer.listen(port)  // port 0: the system picks a free one
// snippet.hide
// Written at once (print would wait in a buffer when stdout is a pipe).
FileHandle.standardOutput.write(Data("Listening on http://127.0.0.1:\(httpServer.ports.first ?? port)/\n".utf8))
// snippet.show
IOLoop.current().start()
// snippet.end
