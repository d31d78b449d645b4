import Foundation

// Collection and history files: any bytes decode to a request or fail with an error (never a
// trap); what decodes encodes and decodes to the same request; every export renders.
func check(_ bytes: [UInt8]) {
  guard let spec = try? JSONDecoder().decode(RequestSpec.self, from: Data(bytes)) else { return }
  let encoded: Data
  do { encoded = try JSONEncoder().encode(spec) } catch {
    require(false, "a decoded request does not encode: \(error)")
    return
  }
  let again = try? JSONDecoder().decode(RequestSpec.self, from: encoded)
  require(again == spec, "encode/decode changed \(spec)")
  for export in RequestExport.allCases { _ = export.render(spec, Variables()) }
  _ = spec.resolvedURL(Variables())
  _ = spec.urlProblem(Variables())
  _ = spec.bodyProblem(Variables())
  _ = QueryParameters.rows(of: spec.url)
}
