import Foundation

// The HAR writer: valid JSON for any bytes in any field, and every body comes back whole
// (as text when it is UTF-8, else as base64).
func check(_ bytes: [UInt8]) {
  let part = fields(bytes, 6)
  let raw = bytes.split(separator: 0, maxSplits: 6, omittingEmptySubsequences: false).map(Array.init)
  let requestBody = raw.count > 4 ? raw[4] : []
  let responseBody = raw.count > 5 ? raw[5] : []
  let entry = LogEntry(
    direction: bytes.first.map { $0 & 1 == 0 } ?? true ? .served : .fetched, method: part[0], target: part[1],
    status: Int(bytes.count % 600), reason: part[2], requestHeaders: [(part[2], part[3]), ("Host", part[3])],
    requestBody: requestBody, requestBodySize: requestBody.count, responseHeaders: [(part[3], part[0])],
    responseBody: responseBody, responseBodySize: responseBody.count, duration: Double(bytes.count) / 7,
    error: bytes.count % 3 == 0 ? part[2] : nil)
  let data: Data
  do { data = try HAR.data([entry], creatorVersion: part[3]) } catch {
    require(false, "HAR.data threw \(error)")
    return
  }
  require(JSONCheck.isValid(Array(data)), "the HAR is not valid JSON")
  guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let log = document["log"] as? [String: Any], let entries = log["entries"] as? [[String: Any]],
    let first = entries.first, let response = first["response"] as? [String: Any],
    let content = response["content"] as? [String: Any]
  else {
    require(false, "the HAR lacks log.entries[0].response.content")
    return
  }
  require(HAR.bytes(of: content) == responseBody, "the response body did not come back whole")
}
