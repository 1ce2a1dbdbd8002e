#pragma once
// Errors as HTTP answers: each rungs error type has its status, and the body
// is always {"error": {"status": N, "message": "..."}} with the message a
// person can act on.

#include <exception>
#include <string>

#include <httplib.h>

#include "rungs/corpus/error.h"

namespace rungs::server {

/// A request the server refuses for a reason of HTTP itself (403, 405, 413, 503...).
class HttpError : public Error {
 public:
  HttpError(int status, const std::string& message) : Error(message), status_(status) {}
  [[nodiscard]] int status() const { return status_; }

 private:
  int status_;
};

/// The status for `error`: 404 unknown ladder or level, 400 other bad
/// input, 409 index busy, 503 index unreadable, 500 anything else (a bug).
[[nodiscard]] int status_of(const std::exception& error);

/// Writes the error body and status.
void send_error(httplib::Response& response, int status, const std::string& message);

}  // namespace rungs::server
