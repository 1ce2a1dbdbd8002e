#pragma once
// The files compiled into the server (cmake/embed_files.cmake): the web app
// under "web/" and "openapi.json".

#include <string_view>
#include <vector>

namespace rungs::server {

struct EmbeddedFile {
  std::string_view path;  ///< relative to server/, e.g. "web/app.js"
  std::string_view bytes;
};

[[nodiscard]] const std::vector<EmbeddedFile>& embedded_files();

}  // namespace rungs::server
