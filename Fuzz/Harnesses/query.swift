// QueryParameters: a URL read into the table and written back is the same URL when nothing
// was edited, and the table read from the written URL is the same table.
func check(_ bytes: [UInt8]) {
  let url = text(bytes)
  let rows = QueryParameters.rows(of: url)
  let written = QueryParameters.url(url, with: rows)
  let reread = QueryParameters.rows(of: written)
  require(
    reread == rows, "rows of \(url.debugDescription): \(rows), after writing \(written.debugDescription): \(reread)")
  let again = QueryParameters.url(written, with: reread)
  require(
    again == written, "writing the same rows twice changed \(written.debugDescription) to \(again.debugDescription)")
}
