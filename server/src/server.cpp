#include "rungs/server/server.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include "http_errors.h"
#include "index_view.h"
#include "routes.h"

namespace rungs::server {

struct Server::Impl {
  ServerOptions options;
  IndexView index;
  httplib::Server http;
  std::mutex write_mutex;
  std::atomic<std::size_t> in_flight = 0;

  Impl(std::filesystem::path db, ServerOptions o) : options(std::move(o)), index(std::move(db), options.model) {}

  void configure() {
    const std::size_t threads =
        options.threads ? options.threads : std::max<std::size_t>(16, 4 * std::thread::hardware_concurrency());
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(options.max_body_bytes);
    http.set_tcp_nodelay(true);  // small answers: no waiting for delayed ACKs
    // httplib's default also sets SO_REUSEPORT, which lets a second server
    // bind the same port and silently take half the requests.
    http.set_socket_options([](socket_t sock) {
      const int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http.set_keep_alive_timeout(2);  // SIGTERM waits for idle keep-alive connections this long
    http.set_read_timeout(10);
    http.set_write_timeout(10);
    // Nothing of ours runs from another origin, inline, or in a frame; ladder
    // text that slipped through as markup would still not run.
    http.set_default_headers({{"Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"}});
    http.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
      if (!response.body.empty()) return;  // a route's own error
      switch (response.status) {
        case 404:
          send_error(response, 404,
                     fmt::format("no such page: {} (the API is under /api/v1/, see docs/API.md)", request.path));
          break;
        case 413:
          send_error(response, 413, "the request body is too large for this server (see `rungs serve --help`)");
          break;
        case 414:
          send_error(response, 414, "the URL is too long; send long texts in a POST body");
          break;
        default:
          send_error(response, response.status,
                     fmt::format("the request could not be served (HTTP {})", response.status));
      }
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        send_error(response, status_of(e), e.what());
      } catch (...) {
        send_error(response, 500, "internal error");
      }
    });
    add_api_routes(http, {index, options, write_mutex, in_flight});
    add_static_routes(http);
  }
};

Server::Server(std::filesystem::path db, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(db), std::move(options))) {
  impl_->configure();
}

Server::~Server() = default;

void Server::run() {
  auto& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
    if (port <= 0) throw Error(fmt::format("cannot listen on {}: no free port", o.host));
  } else if (!impl_->http.bind_to_port(o.host, port)) {
    throw Error(
        fmt::format("cannot listen on {}:{}: the port is taken or the address is not this machine's; pick "
                    "another with --port (0: any free port) or --host",
                    o.host, port));
  }
  const bool v6 = o.host.find(':') != std::string::npos;
  if (o.on_listening) o.on_listening(fmt::format("http://{}{}{}:{}/", v6 ? "[" : "", o.host, v6 ? "]" : "", port));
  impl_->http.listen_after_bind();
}

void Server::stop() { impl_->http.stop(); }

}  // namespace rungs::server
