import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Squall
import SquallTestSupport
import Testing

@testable import ClientErrorClassification
@testable import Squall

/// Who holds a port: the process named when a port is in use.
@Suite struct PortOwnerTests {
  @Test func theListeningRowIsFoundInAProcTable() {
    let table = """
      sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
       0: 0100007F:22B8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51234 1 0
       1: 0100007F:22B8 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 51299 1 0
      """
    #expect(PortOwner.inode(in: table, port: 8888) == "51234", "only the LISTEN (0A) row")
    #expect(PortOwner.inode(in: table, port: 8889) == nil)
  }

  @Test func aPortInUseNamesTheProcessHoldingIt() async throws {
    try await withServer(Application([("/", OKHandler.self)])) { port, _ async throws in
      #expect(PortOwner.describe(port: port)?.hasSuffix("(pid \(getpid()))") == true)
      let second = HTTPServer(Application([("/", OKHandler.self)]))
      do {
        try await second.listen(port)
        Issue.record("the port was free")
      } catch let error as HTTPServerError {
        #expect(error.isAddressInUse)
        #expect(error.message.contains("held by") && error.message.contains("(pid \(getpid()))"), "\(error.message)")
      }
    }
  }
}
