// The web UI's built files (webui/dist), loaded into memory at start-up and served for GET and HEAD of any
// path the API does not own: known files as themselves, anything else as index.html (the UI routes on the
// client). Only files found at start-up exist, so no request path ever reaches the file system. Every answer
// carries a strict Content-Security-Policy (nothing from elsewhere, no inline script), and caching that
// suits it: hashed assets for a year, index.html revalidated every time (ETag, 304).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "domain/result.hpp"
#include "http/types.hpp"

namespace rudi::http {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

class WebAssets {
 public:
  // Reads every file under `dir` (at most `max_bytes` in all); an error when `dir` has no index.html.
  static Result<WebAssets> load(const std::string& dir, std::size_t max_bytes = 64 * 1024 * 1024);

  // The file's response, or nullopt for paths that are not the UI's (the API's, or not GET/HEAD).
  std::optional<Response> serve(const Request& request) const;
  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;
    bool immutable = false;  // under assets/, with a content hash in its name
  };
  std::unordered_map<std::string, File> files_;  // by URL path, e.g. "/assets/index-3f2a.js"
};

}  // namespace rudi::http
