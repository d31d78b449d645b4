extension RequestHandler {
  /// Who is logged in (Tornado's `current_user`): `getCurrentUser()`, asked once per request;
  /// or what `setCurrentUser` put there (in `prepare`, as Tornado's `self.current_user = …`).
  public var currentUser: String? {
    get throws {
      if let cached = currentUserCache { return cached }
      let user = try getCurrentUser()
      currentUserCache = .some(user)
      return user
    }
  }

  /// Sets `currentUser` for the rest of the request (Tornado's `self.current_user = user`).
  public func setCurrentUser(_ user: String?) { currentUserCache = .some(user) }

  /// Tornado's `@tornado.web.authenticated`, as the first line of a method: nobody logged in
  /// (no user, or an empty name)
  /// gets a GET or HEAD redirected to `Settings.loginURL` with `?next=` the page asked for
  /// (the request ends there), any other method a 403. Without a `loginURL`, 500 saying so.
  public func authenticated() async throws {
    // Tornado's `if not self.current_user`: an empty name is nobody too.
    if let user = try currentUser, !user.isEmpty { return }
    guard request.method == "GET" || request.method == "HEAD" else { throw HTTPError(403) }
    guard var url = application.settings.loginURL else {
      throw HTTPError(500, "authenticated() needs Settings(loginURL:), where to send a visitor to log in")
    }
    if !url.contains("?") {
      // A login page on another host gets the full URL back, one on this host the path.
      let next = url.contains("://") ? request.fullURL() : request.uri
      url += "?next=" + PercentCoding.encode(next)
    }
    try await redirect(url)
    throw Finish()
  }
}
