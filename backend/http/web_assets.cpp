#include "http/web_assets.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace rudi::http {
namespace {
namespace fs = std::filesystem;

std::string content_type_of(const fs::path& path) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}};
  auto it = types.find(path.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::string etag_of(const std::string& body) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                     nullptr, 0);
  static const char* hex = "0123456789abcdef";
  std::string tag = "\"";
  for (unsigned char b : digest) {
    tag += hex[b >> 4];
    tag += hex[b & 15];
  }
  return tag + "\"";
}

std::string_view path_of(const Request& request) {
  std::string_view target(request.target().data(), request.target().size());
  return target.substr(0, target.find_first_of("?#"));
}

}  // namespace

Result<WebAssets> WebAssets::load(const std::string& dir, std::size_t max_bytes) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(dir) / "index.html", ec))
    return Error::invalid("no web UI at " + dir +
                          " (index.html missing): build it with `npm run build` in webui/");
  WebAssets assets;
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    File file{content.str(), content_type_of(it->path()), "", false};
    total += file.body.size();
    if (total > max_bytes) return Error::invalid("the web UI at " + dir + " is larger than expected");
    file.etag = etag_of(file.body);
    const std::string url = "/" + fs::relative(it->path(), dir).generic_string();
    file.immutable = url.rfind("/assets/", 0) == 0;
    assets.files_.emplace(url, std::move(file));
  }
  if (ec) return Error::invalid("cannot read the web UI at " + dir + ": " + ec.message());
  return assets;
}

std::optional<Response> WebAssets::serve(const Request& request) const {
  if (request.method() != Verb::get && request.method() != Verb::head) return std::nullopt;
  const auto path = path_of(request);
  if (path.rfind("/api/", 0) == 0 || path == "/api") return std::nullopt;
  auto it = files_.find(std::string(path));
  // A path of the UI's own (e.g. /people/12) is the UI's page; a missing asset is a 404.
  if (it == files_.end()) {
    if (path.rfind("/assets/", 0) == 0) return std::nullopt;
    it = files_.find("/index.html");
  }
  const File& file = it->second;
  Response response{Status::ok, request.version()};
  response.set(beast_http::field::content_type, file.content_type);
  response.set(beast_http::field::etag, file.etag);
  response.set(beast_http::field::cache_control,
               file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.set("Content-Security-Policy", kContentSecurityPolicy);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  if (request[beast_http::field::if_none_match] == file.etag) {
    response.result(Status::not_modified);
  } else if (request.method() == Verb::get) {
    response.body() = file.body;
  } else {
    response.content_length(file.body.size());
  }
  response.prepare_payload();
  if (request.method() == Verb::head) response.content_length(file.body.size());
  return response;
}

}  // namespace rudi::http
