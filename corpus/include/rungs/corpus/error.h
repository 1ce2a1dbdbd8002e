#pragma once
// The one exception tree of rungs. Every module throws these; the CLI catches
// `rungs::Error` once in `main`, prints `rungs: <what>` and exits non-zero.
// "No match" is never an error: it is an empty result.

#include <filesystem>
#include <stdexcept>
#include <string>

namespace rungs {

/// All errors a user can act on derive from this one.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad input: a file rungs cannot read as a ladder. The message names the file
/// and, where it applies, the line (`path:line: what`).
class ParseError : public Error {
 public:
  ParseError(const std::filesystem::path& path, int line, const std::string& what)
      : Error(line > 0 ? path.string() + ":" + std::to_string(line) + ": " + what : path.string() + ": " + what) {}
};

/// The index is missing, locked, corrupt or of another schema version.
class IndexError : public Error {
 public:
  using Error::Error;
};

/// The index is being written by another process, and this run does not wait.
class IndexBusyError : public IndexError {
 public:
  using IndexError::IndexError;
};

/// A query or a request that cannot be answered as asked (unknown ladder, bad option).
class QueryError : public Error {
 public:
  using Error::Error;
};

/// A request naming something that is not there: an unknown ladder, or a
/// level that its ladder does not have. The message lists what is known.
class NotFoundError : public QueryError {
 public:
  using QueryError::QueryError;
};

}  // namespace rungs
