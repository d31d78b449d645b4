import ArgumentParser
import Foundation
import SquallRequests
import SquallStorage
import SquallValues

extension RequestsCommand {
  /// `squall requests import FILE`: Hurl and `.http` files into the collection.
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Save the requests of a Hurl file (.hurl) or an .http/.rest file as named requests.",
      discussion: """
        Hurl: entries, headers, [Query], [Form], [Multipart], [BasicAuth], [Cookies], JSON, ``` and ` \
        bodies, HTTP STATUS, [Asserts] and [Captures] (as asserts and captures); a "# name: NAME" \
        comment names the entry after it, else FILE-N. .http (VS Code REST Client, JetBrains): ### \
        separators, "# @name NAME", request lines continued by ?/& lines, headers, bodies. What is not \
        supported is refused with its line and why; the other requests are still saved. Exit status 1 \
        when anything was refused or a name was taken (--force replaces).
        """)
    @Argument(help: "The file to read.") var file: String
    @Flag(help: "Replace saved requests of the same name.") var force = false
    @OptionGroup var location: Location

    func run() async throws {
      let url = URL(fileURLWithPath: file)
      let stem = url.deletingPathExtension().lastPathComponent
      let text: String
      do {
        text = try String(contentsOf: url, encoding: .utf8)
      } catch {
        throw RequestsCommand.fail("cannot read \(file): \(error.localizedDescription); check the path")
      }
      let imported: ImportedRequests
      switch url.pathExtension.lowercased() {
      case "hurl": imported = HurlImport.parse(text, stem: stem)
      case "http", "rest": imported = HTTPFileImport.parse(text, stem: stem)
      default:
        throw ValidationError("import reads .hurl, .http and .rest files; \(url.lastPathComponent) is none of them")
      }
      let store = location.store
      var taken = Set(store.names())
      var failed = false
      for note in imported.notes {
        Terminal.standardError.write(
          "\(TerminalSafe.escape(file)):\(note.line): \(TerminalSafe.escape(note.message))\n")
        failed = failed || note.refused
      }
      for entry in imported.entries {
        if taken.contains(entry.name) && !force {
          Terminal.standardError.write(
            "\(TerminalSafe.escape(file)):\(entry.line): \"\(TerminalSafe.escape(entry.name))\" is already saved; "
              + "rename it (# name: …) or use --force to replace it\n")
          failed = true
          continue
        }
        do {
          try store.save(entry.spec, as: entry.name)
          taken.insert(entry.name)  // a second entry of the same name in the file does not replace it
          print(TerminalSafe.escape("Saved \(entry.name): \(entry.spec.method) \(entry.spec.url)"))
        } catch {
          throw RequestsCommand.fail(error.message)
        }
      }
      if imported.entries.isEmpty && imported.notes.isEmpty { print("\(file) has no requests.") }
      if failed { throw ExitCode(1) }
    }
  }
}
