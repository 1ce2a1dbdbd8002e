// `rungs serve` end to end: the built binary on a loopback port, driven over
// HTTP as a program would. Its answers must be the documents the CLI prints
// with --json; its refusals JSON with a status that fits.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "process.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using rungs::e2e::Child;

namespace {

const fs::path& scratch() { return rungs::e2e::scratch_dir("rungs-serve"); }

fs::path write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

const std::string kAcme =
    "id: acme\nname: Acme\nlevels:\n  - title: Support Engineer I\n    statements: [Answers tickets with help.]\n"
    "  - title: Support Engineer II\n    statements: [Handles escalations independently and mentors juniors.]\n"
    "  - title: Senior Support Engineer\n    statements: [Leads incident response and mentors others.]\n";

const std::string kHostile = R"yaml(id: hostile
name: "Hostile <script>alert(1)</script>"
levels:
  - title: "=HYPERLINK(\"http://x\",\"tickets\")"
    statements: ["Answers tickets <img src=x onerror=alert(1)>", "+cmd|' /C calc'!A0 answers tickets"]
  - title: "Senior \"><script>window.__pwned=1</script>"
    statements: ["@SUM(1+1) leads incidents and mentors juniors", "-2+3 mentors juniors"]
)yaml";

// An index of the bundled ladders and acme, built once for the file.
const std::string& bundled_db() {
  static const std::string db = [] {
    const auto path = (scratch() / "index").string();
    const auto run =
        rungs::e2e::run(scratch(), {"index", write(scratch() / "in" / "acme.yaml", kAcme).string(), "--db", path});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    return path;
  }();
  return db;
}

// A `rungs serve --port 0` and a client on the port it printed.
struct Served {
  Child child;
  std::string host;
  int port = 0;

  explicit Served(const std::vector<std::string>& args) : child(scratch(), with_port_zero(args)) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::string first_line;
    while (std::chrono::steady_clock::now() < deadline && child.running()) {
      first_line = first_line_of_output();
      if (first_line.find("serving http://") != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const auto at = first_line.find("http://");
    REQUIRE_MESSAGE(at != std::string::npos, "rungs serve printed no URL: " << first_line);
    const auto colon = first_line.find(':', at + 7);
    host = first_line.substr(at + 7, colon - at - 7);
    port = std::stoi(first_line.substr(colon + 1));
  }

  static std::vector<std::string> with_port_zero(std::vector<std::string> args) {
    args.insert(args.begin(), {"serve", "--port", "0"});
    return args;
  }

  std::string first_line_of_output() {
    const std::string text = child.out_so_far();
    return text.substr(0, text.find('\n'));
  }

  httplib::Client client() const {
    httplib::Client c(host, port);
    c.set_read_timeout(60);
    c.set_url_encode(false);  // the paths below are encoded as a browser's form would ('+' for a space)
    return c;
  }
  Json get(const std::string& path, int expected = 200) const {
    auto c = client();
    auto response = c.Get(path.c_str());
    REQUIRE_MESSAGE(response, "no answer for " << path);
    CAPTURE(path);
    CAPTURE(response->body);
    CHECK(response->status == expected);
    return Json::parse(response->body);
  }
};

Json cli_json(const std::vector<std::string>& args) {
  auto all = args;
  all.insert(all.end(), {"--json", "--db", bundled_db()});
  const auto run = rungs::e2e::run(scratch(), all);
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  return Json::parse(run.out);
}

}  // namespace

TEST_CASE("serve: every API answer is the document the CLI prints with --json") {
  Served served({"--db", bundled_db()});
  CHECK(served.get("/api/v1/ladders") == cli_json({"ladders"}));
  CHECK(served.get("/api/v1/ladders/ops-sre") == cli_json({"show", "ops-sre"}));
  CHECK(served.get("/api/v1/ladders/ops-sre/levels/l4") == cli_json({"show", "ops-sre", "l4"}));
  CHECK(served.get("/api/v1/search?q=mentor&ladder=ops-sre&limit=5") ==
        cli_json({"search", "mentor", "--ladder", "ops-sre", "--limit", "5"}));
  CHECK(served.get("/api/v1/level?q=runs+the+incident+war+room") == cli_json({"level", "runs the incident war room"}));
  CHECK(served.get("/api/v1/level?q=Sr.+SRE&ladder=ops-sre") == cli_json({"level", "Sr. SRE", "--ladder", "ops-sre"}));
  CHECK(served.get("/api/v1/map?from=octopus-support&to=ops-sre&pin=application-support-engineer%3Dl2") ==
        cli_json({"map", "octopus-support", "ops-sre", "--pin", "application-support-engineer=l2"}));
  CHECK(served.get("/api/v1/harmonise?ladder=octopus-support&ladder=gitlab-support&ladder=ops-sre&pivot=ops-sre") ==
        cli_json({"harmonise", "octopus-support", "gitlab-support", "ops-sre", "--pivot", "ops-sre"}));
  CHECK(served.get("/api/v1/compare?a=gitlab-support&b=ops-sre") == cli_json({"compare", "gitlab-support", "ops-sre"}));

  const auto staff = write(scratch() / "in" / "staff.txt", "Senior SRE\nStaff Engineer\n\nJunior SRE\n");
  auto client = served.client();
  auto assigned =
      client.Post("/api/v1/assign?ladder=ops-sre", "Senior SRE\nStaff Engineer\n\nJunior SRE\n", "text/plain");
  REQUIRE(assigned);
  CHECK(assigned->status == 200);
  const auto cli_assign =
      rungs::e2e::run(scratch(), {"assign", staff.string(), "--ladder", "ops-sre", "--json", "--db", bundled_db()});
  CHECK(Json::parse(assigned->body) == Json::parse(cli_assign.out));
  auto as_json = client.Post(
      "/api/v1/assign", R"({"titles": ["Senior SRE", "Staff Engineer", "", "Junior SRE"], "ladders": ["ops-sre"]})",
      "application/json");
  REQUIRE(as_json);
  CHECK(Json::parse(as_json->body)["rows"] == Json::parse(cli_assign.out)["rows"]);
  auto csv = client.Post("/api/v1/assign.csv?ladder=ops-sre", "Senior SRE\n", "text/plain");
  REQUIRE(csv);
  CHECK(csv->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
  CHECK(csv->body.rfind("line,title,ops-sre level", 0) == 0);

  auto crosswalk = client.Get("/api/v1/map.csv?from=octopus-support&to=ops-sre");
  REQUIRE(crosswalk);
  const auto cli_csv =
      rungs::e2e::run(scratch(), {"map", "octopus-support", "ops-sre", "--format", "csv", "--db", bundled_db()});
  CHECK(crosswalk->body == cli_csv.out);
  CHECK(crosswalk->get_header_value("Content-Disposition").find("crosswalk-octopus-support-ops-sre.csv") !=
        std::string::npos);

  // A heatmap cell: its pairs come from the two levels, and its value is the matrix's.
  const Json map = served.get("/api/v1/map?from=octopus-support&to=ops-sre");
  const Json cell = served.get(
      "/api/v1/map/cell?from=octopus-support&to=ops-sre&from_level=" + map["rows"][1]["level"].get<std::string>() +
      "&to_level=" + map["columns"][2]["level"].get<std::string>());
  CHECK(cell["similarity"].get<double>() == doctest::Approx(map["matrix"][1][2].get<double>()));
  CHECK(!cell["pairs"].empty());

  // Search hits carry their snippet in parts, the matched ones marked.
  const Json hits = served.get("/api/v1/search?q=mentor");
  bool marked = false;
  for (const auto& part : hits["hits"][0]["snippet_parts"]) {
    marked = marked || (part["match"] && part["text"].get<std::string>().find("entor") != std::string::npos);
  }
  CHECK(marked);
  const Json openapi = served.get("/api/v1/openapi.json");
  CHECK(openapi["paths"].contains("/api/v1/level"));
}

TEST_CASE("serve: refusals are JSON with the status that fits and a message to act on") {
  Served served({"--db", bundled_db(), "--max-body-mb", "1"});
  auto client = served.client();
  struct Case {
    std::string path;
    int status;
    std::string says;
  };
  for (const auto& c : std::vector<Case>{
           {"/api/v1/level", 400, "give the parameter 'q'"},
           {"/api/v1/search?q=x&limit=ten", 400, "'limit' takes a whole number"},
           {"/api/v1/level?q=" + std::string(5000, 'a'), 400, "the longest the server takes is 4096"},
           {"/api/v1/ladders/nope", 404, "unknown ladder 'nope'"},
           {"/api/v1/ladders/ops-sre/levels/l9", 404, "has no level 'l9'"},
           {"/api/v1/level?q=mentors&ladder=nope", 404, "unknown ladder 'nope'"},
           {"/api/v1/map?from=ops-sre&to=acme&pin=l9%3D", 404, "'l9' is no level of ops-sre"},
           {"/api/v1/map?from=ops-sre&to=acme&pin=nonsense", 400, "--pin takes FROM=TO"},
           {"/api/v1/harmonise?ladder=ops-sre", 400, "at least two ladders"},
           {"/api/v1/nothing", 404, "no such page"},
       }) {
    CAPTURE(c.path);
    auto response = client.Get(c.path.c_str());
    REQUIRE(response);
    CHECK(response->status == c.status);
    CHECK(response->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    const Json body = Json::parse(response->body);
    CHECK(body["error"]["status"] == c.status);
    CHECK(body["error"]["message"].get<std::string>().find(c.says) != std::string::npos);
  }
  auto read_only = client.Post("/api/v1/index?filename=acme.yaml", kAcme, "application/octet-stream");
  REQUIRE(read_only);
  CHECK(read_only->status == 403);
  CHECK(read_only->body.find("--allow-writes") != std::string::npos);
  auto too_large = client.Post("/api/v1/import/preview?filename=big.md", std::string(2u << 20, 'x'), "text/markdown");
  REQUIRE(too_large);
  CHECK(too_large->status == 413);
  auto no_name = client.Post("/api/v1/import/preview", kAcme, "application/octet-stream");
  REQUIRE(no_name);
  CHECK(no_name->status == 400);
  auto sneaky =
      client.Post("/api/v1/import/preview?filename=..%2F..%2Fetc%2F.passwd", kAcme, "application/octet-stream");
  REQUIRE(sneaky);
  CHECK(sneaky->status == 400);
  auto bad_ladder =
      client.Post("/api/v1/import/preview?filename=bad.yaml", "id: [unclosed\n", "application/octet-stream");
  REQUIRE(bad_ladder);
  CHECK(bad_ladder->status == 400);
  CHECK(bad_ladder->body.find("rungs-upload-") == std::string::npos);  // the server's folders stay its own
  // Headers that keep a page from running what a ladder smuggles in.
  auto page = client.Get("/api/v1/health");
  REQUIRE(page);
  CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
}

TEST_CASE("serve: an upload is previewed, then indexed; a second writer gets 409; reads go on") {
  const auto db = (scratch() / "writable").string();
  REQUIRE(rungs::e2e::run(scratch(),
                          {"index", write(scratch() / "in" / "acme.yaml", kAcme).string(), "--no-bundled", "--db", db})
              .exit_code == 0);
  Served served({"--db", db, "--allow-writes"});
  auto client = served.client();
  const std::string beta =
      "id: beta\nname: Beta\nlevels:\n  - title: Analyst\n    statements: [Prepares reports with guidance.]\n"
      "  - title: Senior Analyst\n    statements: [Owns the quarterly forecast and coaches analysts.]\n";
  auto preview = client.Post("/api/v1/import/preview?filename=beta.yaml", beta, "application/octet-stream");
  REQUIRE(preview);
  REQUIRE(preview->status == 200);
  const Json report = Json::parse(preview->body);
  REQUIRE(report["ladders"].size() == 1);
  CHECK(report["ladders"][0]["id"] == "beta");
  CHECK(report["ladders"][0]["levels"].size() == 2);
  CHECK(served.get("/api/v1/ladders")["ladders"].size() == 1);  // a preview writes nothing

  {
    // Another process holds the index's write lock: the upload is refused at once.
    const int lock = ::open((db + ".lock").c_str(), O_RDWR | O_CREAT, 0644);
    REQUIRE(lock >= 0);
    REQUIRE(::flock(lock, LOCK_EX | LOCK_NB) == 0);
    auto busy = client.Post("/api/v1/index?filename=beta.yaml", beta, "application/octet-stream");
    REQUIRE(busy);
    CHECK(busy->status == 409);
    CHECK(served.get("/api/v1/ladders")["ladders"].size() == 1);  // reads go on meanwhile
    ::close(lock);
  }
  auto added = client.Post("/api/v1/index?filename=beta.yaml", beta, "application/octet-stream");
  REQUIRE(added);
  CHECK(added->status == 200);
  CHECK(Json::parse(added->body)["added"] == Json::array({"beta"}));
  CHECK(served.get("/api/v1/ladders")["ladders"].size() == 2);
  const Json answer = served.get("/api/v1/level?q=owns+the+quarterly+forecast&ladder=beta");
  CHECK(answer["ladders"][0]["level"] == "senior-analyst");
  auto again = client.Post("/api/v1/index?filename=beta.yaml", beta, "application/octet-stream");
  REQUIRE(again);
  CHECK(Json::parse(again->body)["replaced"] == Json::array({"beta"}));
  auto removed = client.Delete("/api/v1/ladders/beta");
  REQUIRE(removed);
  CHECK(removed->status == 200);
  CHECK(served.get("/api/v1/ladders")["ladders"].size() == 1);
  auto gone = client.Delete("/api/v1/ladders/beta");
  REQUIRE(gone);
  CHECK(gone->status == 404);

  // Several level pages in one form: one ladder named after ?name=.
  httplib::MultipartFormDataItems pages = {
      {"file", "# Junior Writer\n\n- Drafts articles with help.\n", "junior-writer.md", "text/markdown"},
      {"file", "# Senior Writer\n\n- Edits the work of others and sets the style guide.\n", "senior-writer.md",
       "text/markdown"},
  };
  auto folder = client.Post("/api/v1/import/preview?name=writers", pages);
  REQUIRE(folder);
  CHECK(folder->status == 200);
  CHECK(folder->body.find("\"writers\"") != std::string::npos);
}

TEST_CASE("serve: a hostile ladder stays data in every API answer") {
  const auto db = (scratch() / "hostile").string();
  REQUIRE(
      rungs::e2e::run(scratch(), {"index", write(scratch() / "in" / "hostile.yaml", kHostile).string(),
                                  write(scratch() / "in" / "acme.yaml", kAcme).string(), "--no-bundled", "--db", db})
          .exit_code == 0);
  Served served({"--db", db});
  auto client = served.client();
  for (const std::string path : {"/api/v1/ladders", "/api/v1/search?q=tickets", "/api/v1/level?q=mentors+juniors",
                                 "/api/v1/map?from=hostile&to=acme", "/api/v1/compare?a=hostile&b=acme"}) {
    CAPTURE(path);
    auto response = client.Get(path.c_str());
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->get_header_value("Content-Type").rfind("application/json", 0) == 0);  // never read as a page
    CHECK(Json::accept(response->body));
  }
  auto csv = client.Get("/api/v1/map.csv?from=hostile&to=acme");
  REQUIRE(csv);
  CHECK(csv->body.find(",=HYPERLINK") == std::string::npos);
  CHECK(csv->body.find("\"'=HYPERLINK") != std::string::npos);
  auto placed = client.Post("/api/v1/assign.csv?ladder=hostile", "=1+1\nSenior engineer\n", "text/plain");
  REQUIRE(placed);
  CHECK(placed->body.find("\n1,=1+1") == std::string::npos);
}

TEST_CASE("serve: answers under concurrent load equal the answers one at a time") {
  Served served({"--db", bundled_db()});
  const std::vector<std::string> paths = {"/api/v1/level?q=runs+the+incident+war+room", "/api/v1/level?q=Senior+SRE",
                                          "/api/v1/search?q=mentor+juniors",
                                          "/api/v1/map?from=gitlab-support&to=ops-sre"};
  std::vector<std::string> expected;
  for (const auto& p : paths) expected.push_back(served.client().Get(p.c_str())->body);
  std::vector<std::future<int>> workers;
  for (int t = 0; t < 6; ++t) {
    workers.push_back(std::async(std::launch::async, [&, t] {
      auto client = served.client();
      int wrong = 0;
      for (int i = 0; i < 40; ++i) {
        const std::size_t k = static_cast<std::size_t>(t + i) % paths.size();
        auto response = client.Get(paths[k].c_str());
        if (!response || response->status != 200 || response->body != expected[k]) ++wrong;
      }
      return wrong;
    }));
  }
  int wrong = 0;
  for (auto& w : workers) wrong += w.get();
  CHECK(wrong == 0);
  CHECK(served.child.running());
}

TEST_CASE("serve: SIGTERM and SIGINT stop it cleanly; a taken port is an error that says so") {
  for (const int signal : {SIGTERM, SIGINT}) {
    CAPTURE(signal);
    Served served({"--db", bundled_db()});
    CHECK(served.get("/api/v1/health")["status"] == "ok");
    ::kill(served.child.pid(), signal);
    const auto outcome = served.child.wait();
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.err.find("stopping") != std::string::npos);
  }
  Served first({"--db", bundled_db()});
  const auto second = rungs::e2e::run(scratch(), {"serve", "--port", std::to_string(first.port), "--db", bundled_db()});
  CHECK(second.exit_code == 1);
  CHECK(second.err.find("the port is taken") != std::string::npos);
  const auto open = rungs::e2e::run(
      scratch(), {"serve", "--host", "0.0.0.0", "--port", std::to_string(first.port), "--db", bundled_db()});
  CHECK(open.err.find("no authentication") != std::string::npos);
}
