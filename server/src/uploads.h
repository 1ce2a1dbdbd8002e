#pragma once
// Ladder files sent to the server, read exactly as `rungs index` reads files
// (the same parsers, limits and bad-input rules), from a private temporary
// folder that is removed afterwards. Nothing the client names reaches the
// file system but a checked file name inside that folder.

#include <string>
#include <vector>

#include <httplib.h>

#include "rungs/corpus/load.h"

namespace rungs::server {

struct Upload {
  std::string name;  ///< file name only (its extension tells the format)
  std::string bytes;
};

/// The files of `request`: the body, named `filename` (from `?filename=`), or the
/// `multipart/form-data` parts called "file" (several: one ladder of level
/// pages, named after `?name=` when given). Throws `HttpError` 400 for a
/// missing or unusable name, an empty file or two files of one name.
[[nodiscard]] std::vector<Upload> uploads_of(const httplib::Request& request, const std::string& filename);

/// What the files read as. Paths in notices and messages are the files'
/// names, never the temporary folder.
[[nodiscard]] corpus::LoadResult read_uploads(const std::vector<Upload>& uploads, const std::string& folder_name);

}  // namespace rungs::server
