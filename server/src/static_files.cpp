// The web app's files, served from what was compiled in: no request path
// reaches the file system.
#include <string>

#include "embedded_files.h"
#include "routes.h"

namespace rungs::server {
namespace {

std::string content_type(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "json") return "application/json; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

void add_static_routes(httplib::Server& http) {
  for (const auto& file : embedded_files()) {
    constexpr std::string_view kWeb = "web/";
    if (file.path.substr(0, kWeb.size()) != kWeb) continue;
    const std::string name(file.path.substr(kWeb.size()));
    const std::string type = content_type(name);
    const std::string_view bytes = file.bytes;
    auto serve = [type, bytes](const httplib::Request&, httplib::Response& response) {
      response.set_header("Cache-Control", "no-cache");
      response.set_content(bytes.data(), bytes.size(), type.c_str());
    };
    // Patterns are regular expressions: the name's dots are escaped.
    std::string pattern = "/";
    for (char c : name) pattern += (c == '.' ? std::string("\\.") : std::string(1, c));
    http.Get(pattern, serve);
    if (name == "index.html") http.Get("/", serve);
  }
}

}  // namespace rungs::server
