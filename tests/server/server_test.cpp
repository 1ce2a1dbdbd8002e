// rungs::server in process: limits refuse at once, files come from what was
// compiled in (never the file system), stop() ends run().
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/indexer/indexer.h"
#include "rungs/server/server.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

// A small index, made once per test binary run.
const fs::path& index_dir() {
  static const fs::path db = [] {
    const auto dir = fs::temp_directory_path() / ("rungs-server-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto ladder = rungs::corpus::ladder_from_yaml(
        "id: acme\nname: Acme\nlevels:\n  - title: Support Engineer I\n    statements: [Answers tickets with help.]\n"
        "  - title: Senior Support Engineer\n    statements: [Leads incident response and mentors others.]\n",
        "acme.yaml");
    rungs::indexer::build_index(dir / "idx", std::vector{ladder});
    return dir / "idx";
  }();
  return db;
}

// A server running on a free port for the life of this object.
struct Running {
  rungs::server::Server server;
  std::promise<std::string> listening;
  std::future<void> done;
  std::string host;
  int port = 0;

  explicit Running(rungs::server::ServerOptions options)
      : server(index_dir(), with_port_zero(std::move(options), listening)) {
    done = std::async(std::launch::async, [this] { server.run(); });
    const std::string url = listening.get_future().get();  // "http://127.0.0.1:PORT/"
    const auto colon = url.rfind(':');
    host = url.substr(7, colon - 7);
    port = std::stoi(url.substr(colon + 1));
  }
  ~Running() {
    server.stop();
    done.wait();
  }
  static rungs::server::ServerOptions with_port_zero(rungs::server::ServerOptions options,
                                                     std::promise<std::string>& url) {
    options.port = 0;
    options.on_listening = [&url](const std::string& u) { url.set_value(u); };
    return options;
  }
  httplib::Client client() const { return httplib::Client(host, port); }
};

}  // namespace

TEST_CASE("server: past the limit of requests in flight, API requests get 503 with Retry-After at once") {
  rungs::server::ServerOptions options;
  options.max_concurrent = 0;  // every API request is over the limit
  Running running(options);
  auto client = running.client();
  auto response = client.Get("/api/v1/health");
  REQUIRE(response);
  CHECK(response->status == 503);
  CHECK(response->get_header_value("Retry-After") == "1");
  CHECK(Json::parse(response->body)["error"]["message"].get<std::string>().find("try again") != std::string::npos);
}

TEST_CASE("server: the web app and the OpenAPI description come from the binary; other paths are JSON 404s") {
  Running running({});
  auto client = running.client();
  auto openapi = client.Get("/api/v1/openapi.json");
  REQUIRE(openapi);
  CHECK(openapi->status == 200);
  CHECK(Json::parse(openapi->body)["openapi"] == "3.0.3");
  for (const std::string path :
       {"/etc/passwd", "/../../etc/passwd", "/web/../openapi.json", "/server.cpp", "/api/v2/level"}) {
    CAPTURE(path);
    auto response = client.Get(path.c_str());
    REQUIRE(response);
    CHECK(response->status == 404);
    CHECK(response->body.find("root:") == std::string::npos);
  }
  auto health = client.Get("/api/v1/health");
  REQUIRE(health);
  CHECK(Json::parse(health->body)["writes"] == false);
}

TEST_CASE("server: stop() ends run(); a second server cannot take a port in use") {
  Running first({});
  auto client = first.client();
  REQUIRE(client.Get("/api/v1/health"));
  rungs::server::ServerOptions options;
  options.port = first.port;
  rungs::server::Server second(index_dir(), options);
  CHECK_THROWS_WITH_AS(second.run(), doctest::Contains("the port is taken"), rungs::Error);
  first.server.stop();
  CHECK(first.done.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
}
