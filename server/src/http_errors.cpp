#include "http_errors.h"

#include "rungs/service/json.h"

namespace rungs::server {

int status_of(const std::exception& error) {
  if (const auto* http = dynamic_cast<const HttpError*>(&error)) return http->status();
  if (dynamic_cast<const NotFoundError*>(&error)) return 404;
  if (dynamic_cast<const IndexBusyError*>(&error)) return 409;
  if (dynamic_cast<const IndexError*>(&error)) return 503;
  if (dynamic_cast<const Error*>(&error)) return 400;  // QueryError, ParseError: the request asked for it
  return 500;
}

void send_error(httplib::Response& response, int status, const std::string& message) {
  response.status = status;
  response.set_content(service::dump({{"error", {{"status", status}, {"message", message}}}}, -1) + "\n",
                       "application/json; charset=utf-8");
}

}  // namespace rungs::server
