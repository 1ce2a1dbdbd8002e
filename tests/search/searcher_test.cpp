// Searching a temporary glass index of the two fixture ladders.

#include "rungs/search/searcher.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <set>
#include <string>

#include "../indexer/test_support.h"
#include "rungs/corpus/error.h"
#include "rungs/indexer/indexer.h"
#include "rungs/indexer/schema.h"

using rungs::corpus::Ladder;
using rungs::search::Filters;
using rungs::search::Searcher;
using rungs::search::SearchRequest;
using rungs::search::SearchResults;
using rungs::testing::fixture_ladders;
using rungs::testing::TempDir;

namespace {

// acme-eng: e1 3 competencies + 1 summary, e2 4, m1 2; globex-sre: l1 2, l2 3, l4 1 + 1 summary.
constexpr int kAcmeStatements = 10;
constexpr int kGlobexStatements = 7;
constexpr int kAllStatements = kAcmeStatements + kGlobexStatements;

struct Fixture {
  TempDir tmp;
  std::filesystem::path db = tmp.path() / "index";
  std::vector<Ladder> ladders = fixture_ladders();
  Fixture() { rungs::indexer::build_index(db, ladders); }
};

SearchResults run(Searcher& searcher, const std::string& query, Filters filters = {}, int limit = 100) {
  SearchRequest request;
  request.query = query;
  request.filters = std::move(filters);
  request.limit = limit;
  return searcher.search(request);
}

// "<ladder>/<level>" of every hit.
std::multiset<std::string> levels_of(const SearchResults& results) {
  std::multiset<std::string> out;
  for (const auto& hit : results.hits) out.insert(hit.ladder + "/" + hit.level);
  return out;
}

}  // namespace

TEST_CASE("queries: words, stemming, spelling variants, phrases, operators") {
  Fixture f;
  Searcher searcher(f.db);
  CHECK(searcher.document_count() == kAllStatements);
  CHECK(searcher.metadata(std::string(rungs::indexer::schema::kMetaSchema)) ==
        std::to_string(rungs::indexer::schema::kVersion));
  CHECK(searcher.metadata("no.such.key").empty());

  struct Case {
    const char* query;
    std::multiset<std::string> levels;
  };
  const Case cases[] = {
      {"mentors", {"acme-eng/e2", "globex-sre/l2"}},
      {"MENTORING", {"acme-eng/e2", "globex-sre/l2"}},
      {"Mentor", {"acme-eng/e2", "globex-sre/l2"}},
      {"prioritise", {"acme-eng/e1", "globex-sre/l1"}},
      {"Prioritizing", {"acme-eng/e1", "globex-sre/l1"}},
      {"behaviour", {"acme-eng/e2", "globex-sre/l2"}},
      {"behavior", {"acme-eng/e2", "globex-sre/l2"}},
      {"six", {"acme-eng/m1", "globex-sre/l4"}},
      {"6", {"acme-eng/m1", "globex-sre/l4"}},
      {"\"code review\"", {"acme-eng/e2"}},
      {"\"Code Reviews\"", {"acme-eng/e2"}},
      {"\"review code\"", {}},
      {"cross-functional", {"acme-eng/e2"}},
      {"Cross-Functional", {"acme-eng/e2"}},
      {"incident AND postmortems", {"globex-sre/l2"}},
      {"postmortems OR tests", {"acme-eng/e1", "globex-sre/l2"}},
      {"mentors NOT junior", {"globex-sre/l2"}},
      {"mentors -junior", {"globex-sre/l2"}},
      {"why", {"acme-eng/e2"}},
      {"how", {"acme-eng/m1", "globex-sre/l2"}},
      {"xylophone", {}},
  };
  for (const auto& c : cases) {
    const std::string query = c.query;
    CAPTURE(query);
    const auto results = run(searcher, query);
    CHECK_FALSE(results.fell_back_to_plain);
    CHECK(levels_of(results) == c.levels);
    CHECK(results.total == static_cast<int>(c.levels.size()));
  }
}

TEST_CASE("text that is not valid query syntax falls back to plain words") {
  Fixture f;
  Searcher searcher(f.db);
  const auto results = run(searcher, "Does NOT");
  CHECK(results.fell_back_to_plain);
  REQUIRE(!results.hits.empty());
  CHECK(results.hits.front().ladder == "globex-sre");
  CHECK(results.hits.front().level == "l1");
  for (const char* query :
       {"AND", "NOT", "OR OR", "(", "\"unclosed", "mentors AND", "NEAR", "ladder:", "area:\"", ")))", "+-"}) {
    const std::string q = query;
    CAPTURE(q);
    CHECK_NOTHROW((void)run(searcher, q));
  }
}

TEST_CASE("plain-words requests read operators as words") {
  Fixture f;
  Searcher searcher(f.db);
  SearchRequest request;
  request.query = "Does NOT need supervision (for routine work";
  request.plain_words = true;
  const auto results = searcher.search(request);
  CHECK_FALSE(results.fell_back_to_plain);
  REQUIRE(!results.hits.empty());
  CHECK(results.hits.front().level == "l1");
  CHECK(results.hits.front().text == "Does NOT need supervision for routine on-call work.");
}

TEST_CASE("prefixes in the query filter by facet") {
  Fixture f;
  Searcher searcher(f.db);
  struct Case {
    const char* query;
    int total;
  };
  const Case cases[] = {
      {"ladder:globex-sre mentors", 1},
      {"Ladder:GLOBEX-SRE mentors", 1},
      {"mentors ladder:acme-eng ladder:globex-sre", 2},
      {"mentors ladder:acme-eng kind:summary", 0},
      {"level:e2", 4},
      {"level:l4", 2},
      {"level:globex-sre/l4", 2},
      {"level:acme-eng/l4", 0},
      {"area:\"Skill / Mastery\"", 3},
      {"area:\"skill / mastery\" tests", 1},
      {"area:Delivery", 4},
      {"area:\"Incident Response\" OR mentors", 4},
      {"kind:summary", 2},
      {"track:management", 2},
      {"framework:ACME", kAcmeStatements},
      {"framework:acme (mentors OR incidents)", 1},
  };
  for (const auto& c : cases) {
    const std::string query = c.query;
    CAPTURE(query);
    const auto results = run(searcher, query);
    CHECK_FALSE(results.fell_back_to_plain);
    CHECK(results.total == c.total);
    CHECK(static_cast<int>(results.hits.size()) == c.total);
  }
}

TEST_CASE("request filters: OR within a facet, AND across facets") {
  Fixture f;
  Searcher searcher(f.db);
  CHECK(run(searcher, "").total == kAllStatements);
  CHECK(run(searcher, "  ").total == kAllStatements);
  auto only = [](std::vector<std::string> Filters::*facet, std::vector<std::string> values) {
    Filters filters;
    filters.*facet = std::move(values);
    return filters;
  };
  CHECK(run(searcher, "mentors", only(&Filters::ladders, {"acme-eng"})).total == 1);
  CHECK(run(searcher, "", only(&Filters::ladders, {"acme-eng", "globex-sre"})).total == kAllStatements);
  CHECK(run(searcher, "", only(&Filters::levels, {"e1", "globex-sre/l4"})).total == 6);
  Filters level_and_kind = only(&Filters::levels, {"l4"});
  level_and_kind.kinds = {"summary"};
  CHECK(run(searcher, "", level_and_kind).total == 1);
  CHECK(run(searcher, "", only(&Filters::frameworks, {"ACME"})).total == kAcmeStatements);
  CHECK(run(searcher, "", only(&Filters::areas, {"skill / mastery"})).total == 3);
  CHECK(run(searcher, "", only(&Filters::tracks, {"management"})).total == 2);
  CHECK(run(searcher, "", only(&Filters::ladders, {"nope"})).total == 0);
  CHECK(run(searcher, "ladder:acme-eng", only(&Filters::ladders, {"globex-sre"})).total == 0);
}

TEST_CASE("facet counts equal the matching statements per value") {
  Fixture f;
  Searcher searcher(f.db);
  for (const char* query : {"engineers OR teams OR reliability OR delivery OR code", "", "kind:summary", "mentors"}) {
    const std::string q = query;
    CAPTURE(q);
    const auto results = run(searcher, q, {}, 1000);
    REQUIRE(static_cast<int>(results.hits.size()) == results.total);
    std::map<std::string, std::map<std::string, int>> expected;
    for (const auto& hit : results.hits) {
      ++expected["framework"][hit.framework];
      ++expected["ladder"][hit.ladder];
      ++expected["level"][hit.ladder + "/" + hit.level];
      if (!hit.area.empty()) ++expected["area"][hit.area];
      ++expected["kind"][hit.kind];
    }
    for (const auto& ladder : f.ladders) {
      for (const auto& hit : results.hits) {
        if (hit.ladder != ladder.id) continue;
        ++expected["track"][rungs::corpus::find_level(ladder, hit.level)->track];
      }
    }
    for (const char* facet : {"framework", "ladder", "level", "area", "track", "kind"}) {
      const std::string name = facet;
      CAPTURE(name);
      REQUIRE(results.facets.count(name) == 1);
      std::map<std::string, int> got;
      int previous = 1 << 30;
      for (const auto& count : results.facets.at(name)) {
        got[count.value] = count.count;
        CHECK(count.count <= previous);  // sorted by count, highest first
        previous = count.count;
      }
      CHECK(got == expected[name]);
    }
  }
}

TEST_CASE("offset and limit page through the hits; total stays exact") {
  Fixture f;
  Searcher searcher(f.db);
  SearchRequest request;
  request.query = "engineers OR teams OR reliability OR delivery OR code";
  request.limit = 1000;
  const auto all = searcher.search(request);
  REQUIRE(all.total >= 5);
  request.limit = 2;
  std::vector<std::string> paged;
  for (request.offset = 0; request.offset < all.total; request.offset += 2) {
    const auto page = searcher.search(request);
    CHECK(page.total == all.total);
    CHECK(page.hits.size() <= 2);
    for (const auto& hit : page.hits) paged.push_back(hit.text);
  }
  std::vector<std::string> expected;
  for (const auto& hit : all.hits) expected.push_back(hit.text);
  CHECK(paged == expected);
  request.offset = all.total + 5;
  CHECK(searcher.search(request).hits.empty());
  request.offset = 0;
  request.limit = 0;
  const auto counted = searcher.search(request);
  CHECK(counted.hits.empty());
  CHECK(counted.total == all.total);
  CHECK(counted.facets.at("ladder") == all.facets.at("ladder"));
}

TEST_CASE("hits carry the display record") {
  Fixture f;
  Searcher searcher(f.db);
  const auto results = run(searcher, "organise design reviews");
  REQUIRE(!results.hits.empty());
  const auto& hit = results.hits.front();
  CHECK(hit.score > 0);
  CHECK(hit.framework == "acme");
  CHECK(hit.ladder == "acme-eng");
  CHECK(hit.level == "e2");
  CHECK(hit.level_title == "Senior Engineer");
  CHECK(hit.level_rank == 2);
  CHECK(hit.area == "Skill / Mastery");
  CHECK(hit.kind == "competency");
  CHECK(hit.text == "Organises design reviews for <critical> \"systems\" and doesn't skip them.");
  CHECK(hit.source == "acme.md");
  CHECK(hit.line == 15);
}

TEST_CASE("snippets are plain text with the matches between the markers") {
  Fixture f;
  Searcher searcher(f.db);
  SearchRequest request;
  request.query = "design trade-offs";
  request.highlight_start = "[";
  request.highlight_end = "]";
  const auto results = searcher.search(request);
  REQUIRE(results.hits.size() >= 2);  // WordNet synonyms may add more
  for (const auto& hit : results.hits) {
    CAPTURE(hit.snippet);
    CHECK(hit.snippet.find('&' + std::string("amp;")) == std::string::npos);
    CHECK(hit.snippet.find("&lt;") == std::string::npos);
    CHECK(hit.snippet.find("&quot;") == std::string::npos);
    CHECK(hit.snippet.find("&#39;") == std::string::npos);
    CHECK(hit.snippet.find('\x01') == std::string::npos);
  }
  std::set<std::string> snippets;
  for (const auto& hit : results.hits) snippets.insert(hit.snippet);
  CHECK(snippets.count("Organises [design] reviews for <critical> \"systems\" and doesn't skip them.") == 1);
  CHECK(snippets.count("Knows the why behind architectural decisions & [trade]-[offs] in R&D.") == 1);

  // Words that match only after normalisation are highlighted as written.
  request.query = "prioritize six";
  snippets.clear();
  for (const auto& hit : searcher.search(request).hits) snippets.insert(hit.snippet);
  CHECK(snippets == std::set<std::string>{
                        "[Prioritises] their own work and asks for help early.",
                        "[Prioritizes] incidents by customer impact.",
                        "Hires and grows a team of [six] engineers.",
                        "Sets reliability strategy across [six] product areas.",
                    });

  request.query = "design trade-offs";
  request.highlight_start.clear();
  request.highlight_end.clear();
  for (const auto& hit : searcher.search(request).hits) CHECK(hit.snippet == hit.text);

  request.query = "";
  request.filters.levels = {"e2"};
  for (const auto& hit : searcher.search(request).hits) CHECK(hit.snippet == hit.text);
}

TEST_CASE("a misspelt word that finds nothing is searched respelled, saying so") {
  Fixture f;
  Searcher searcher(f.db);
  const auto results = run(searcher, "postmortms");
  CHECK(results.total > 0);
  CHECK(results.showing_corrected);
  CHECK(results.query == "postmortms");
  CHECK(results.corrected_query == "postmortems");
  CHECK(results.total == run(searcher, "postmortems").total);
  CHECK(run(searcher, "postmortems").corrected_query.empty());
  // A word the ladders lack beside one they have: the query is answered, and
  // respelling the other word would only be a guess.
  const auto answered = run(searcher, "postmortems wor");
  CHECK(answered.total > 0);
  CHECK(answered.corrected_query.empty());
  CHECK(!answered.showing_corrected);
}

TEST_CASE("ladders are read back from the index") {
  Fixture f;
  Searcher searcher(f.db);
  CHECK(searcher.ladders() == f.ladders);
  CHECK(searcher.ladder("globex-sre") == f.ladders[1]);
  try {
    (void)searcher.ladder("nope");
    FAIL("expected QueryError");
  } catch (const rungs::QueryError& e) {
    CHECK(std::string(e.what()) == "unknown ladder 'nope' (known: acme-eng, globex-sre)");
  }
}

TEST_CASE("opening errors say what to run") {
  TempDir tmp;
  try {
    Searcher searcher(tmp.path() / "missing");
    FAIL("expected IndexError");
  } catch (const rungs::IndexError& e) {
    CHECK(std::string(e.what()).find("run `rungs index` first") != std::string::npos);
  }
  const auto db = tmp.path() / "index";
  rungs::indexer::build_index(db, fixture_ladders());
  {
    Xapian::WritableDatabase wdb(db.string());
    wdb.set_metadata(std::string(rungs::indexer::schema::kMetaSchema), "99");
    wdb.commit();
  }
  try {
    Searcher searcher(db);
    FAIL("expected IndexError");
  } catch (const rungs::IndexError& e) {
    CHECK(std::string(e.what()).find("rungs index --rebuild") != std::string::npos);
  }
  std::filesystem::create_directories(tmp.path() / "empty");
  CHECK_THROWS_AS(Searcher(tmp.path() / "empty"), rungs::IndexError);
}

TEST_CASE("a searcher keeps working while a writer commits under it") {
  Fixture f;
  Searcher searcher(f.db);
  CHECK(run(searcher, "mentors").total == 2);
  auto ladders = f.ladders;
  for (int i = 0; i < 40; ++i) {
    ladders[1].levels[0].statements[0].text =
        "Prioritizes incidents by customer impact, round " + std::to_string(i) + ".";
    rungs::indexer::add_ladders(f.db, ladders);
  }
  const auto results = run(searcher, "mentors");
  CHECK(results.total == 2);
  CHECK(run(searcher, "postmortems OR reliability OR tests").total == 4);
  CHECK(run(searcher, "round").total <= 1);
  CHECK(searcher.document_count() == kAllStatements);
  CHECK(searcher.ladders().size() == 2);
  // A rebuild swaps the directory; an open searcher still answers.
  rungs::indexer::build_index(f.db, ladders);
  CHECK(run(searcher, "mentors").total == 2);
  Searcher fresh(f.db);
  CHECK(run(fresh, "round").total == 1);
}

TEST_CASE("contents_id names the index contents: new after a commit and after a rebuild") {
  Fixture f;
  const std::string built = Searcher(f.db).contents_id();
  CHECK(Searcher(f.db).contents_id() == built);
  rungs::indexer::add_ladders(f.db, f.ladders);
  const std::string committed = Searcher(f.db).contents_id();
  CHECK(committed != built);
  rungs::indexer::build_index(f.db, f.ladders);
  const std::string rebuilt = Searcher(f.db).contents_id();
  CHECK(rebuilt != built);
  CHECK(rebuilt != committed);
}

TEST_CASE("a stale reader reopens when a writer has recycled its blocks") {
  // Enough statements for multi-level B-trees, so that later commits reuse
  // the blocks of the revision the searcher opened (DatabaseModifiedError).
  TempDir tmp;
  const auto db = tmp.path() / "index";
  auto make = [](int round) {
    Ladder ladder;
    ladder.id = "big";
    ladder.framework = "big";
    ladder.name = "Big";
    for (int l = 1; l <= 10; ++l) {
      rungs::corpus::Level level;
      level.id = "l" + std::to_string(l);
      level.title = "Level " + std::to_string(l);
      level.rank = l;
      for (int n = 0; n < 300; ++n) {
        rungs::corpus::Statement statement;
        statement.text = "Statement w" + std::to_string(n) + " level w" + std::to_string(l * 1000 + n) + " round r" +
                         std::to_string(round) + "x" + std::to_string(n % 7) + " mentors";
        statement.area = "Area " + std::to_string(n % 5);
        level.statements.push_back(statement);
      }
      ladder.levels.push_back(level);
    }
    return ladder;
  };
  rungs::indexer::build_index(db, std::vector<Ladder>{make(0)});
  Searcher searcher(db);
  CHECK(run(searcher, "mentors", {}, 5).total == 3000);
  for (int round = 1; round <= 6; ++round) rungs::indexer::add_ladders(db, std::vector<Ladder>{make(round)});
  for (int i = 0; i < 3; ++i) {
    const auto results = run(searcher, "w17 OR w4017 OR r6x3 OR r0x3", {}, 5);
    CHECK(results.total > 0);
    CHECK(results.facets.at("level").size() == 10);
  }
  CHECK(run(searcher, "r6x3", {}, 5).total == 430);
  CHECK(searcher.ladders().size() == 1);
}

TEST_CASE("hostile queries never crash: they fall back to plain words or match nothing") {
  Fixture f;
  Searcher searcher(f.db);
  std::string deep_parens(5000, '(');
  std::string control;
  for (int c = 1; c < 32; ++c) control += static_cast<char>(c);
  const std::vector<std::string> queries = {
      "\"unbalanced",
      "mentors \"",
      "\"\"\"",
      "AND",
      "OR OR OR",
      "NOT",
      "mentors AND",
      "NEAR",
      "ADJ/3",
      "mentors NEAR/99999999999 incidents",
      "*",
      "-",
      "+",
      "()",
      ")(",
      deep_parens + "mentors",
      std::string(10000, 'a'),
      std::string(10000, '"'),
      [] {
        std::string words;
        while (words.size() < 10000) words += "mentors incidents \"reviews ";
        return words;
      }(),
      control + "mentors",
      std::string("mentors\0incidents", 17),
      "\xff\xfe invalid \xc3 utf8",
      "unknown:prefix mentors",
      "ladder:",
      "ladder:\"",
      "level:\"\"",
      "area:(((",
      "LADDER:acme-eng",
      "kind:summary OR kind:",
      "mentor* AND postmortem*",
      std::string(300, 'x') + ":" + std::string(300, 'y'),
      "ladder:" + std::string(1000, 'z'),
  };
  for (const auto& q : queries) {
    CAPTURE(q.substr(0, 60));
    for (const bool plain : {false, true}) {
      SearchRequest request;
      request.query = q;
      request.plain_words = plain;
      request.limit = 5;
      try {
        const auto results = searcher.search(request);
        CHECK(results.total >= 0);
        CHECK(results.hits.size() <= 5);
      } catch (const rungs::QueryError& e) {
        // A clear error is allowed; it must say what went wrong in one line.
        CHECK(std::string(e.what()).find('\n') == std::string::npos);
      }
    }
  }
}

TEST_CASE("facet counts stay exact for values of any length, equal counts ordered by value") {
  TempDir tmp;
  auto ladders = fixture_ladders();
  // An area over 128 bytes (a two-byte length in the packed slot), one shared
  // by both ladders, and a level id both ladders use.
  const std::string long_area(300, 'x');
  ladders[0].levels[0].statements[0].area = long_area;
  ladders[1].levels[0].statements[0].area = long_area;
  ladders[1].levels[0].id = ladders[0].levels[0].id;
  const auto db = tmp.path() / "index";
  rungs::indexer::build_index(db, ladders);
  Searcher searcher(db);
  const auto results = run(searcher, "", {}, 1000);
  REQUIRE(results.total == kAllStatements);
  std::map<std::string, int> areas;
  std::map<std::string, int> levels;
  for (const auto& hit : results.hits) {
    if (!hit.area.empty()) ++areas[hit.area];
    ++levels[hit.level];
  }
  CHECK(areas.at(long_area) == 2);
  std::map<std::string, int> got;
  for (const auto& count : results.facets.at("area")) got[count.value] = count.count;
  CHECK(got == areas);
  // Level facet values are "<ladder>/<level>": the shared id stays two values.
  const std::string shared = ladders[0].levels[0].id;
  int shared_values = 0;
  for (const auto& count : results.facets.at("level")) {
    if (count.value.size() > shared.size() && count.value.ends_with("/" + shared)) ++shared_values;
  }
  CHECK(shared_values == 2);
  // Ties keep the order of the values.
  const auto& kind_counts = results.facets.at("kind");
  for (std::size_t i = 1; i < kind_counts.size(); ++i) {
    const auto& a = kind_counts[i - 1];
    const auto& b = kind_counts[i];
    CHECK((a.count > b.count || (a.count == b.count && a.value < b.value)));
  }
}

TEST_CASE("queries are read in NFC, have limits named in the error, and punctuation alone matches nothing") {
  TempDir tmp;
  const auto db = tmp.path() / "index";
  auto ladders = fixture_ladders();
  ladders.push_back(
      rungs::corpus::ladder_from_yaml("id: bistro\nlevels:\n  - title: Cook\n    statements: [Runs the caf\xC3\xA9 "
                                      "kitchen., Serves the caf\xC3\xA9 terrace.]\n",
                                      "bistro.yaml"));
  rungs::indexer::build_index(db, ladders);
  Searcher searcher(db);

  // Composed and decomposed (e + U+0301) spellings find the same statements.
  CHECK(run(searcher, "caf\xC3\xA9").total == 2);
  CHECK(run(searcher, "cafe\xCC\x81").total == 2);

  struct Case {
    const char* name;
    std::string query;
    int total;            // expected hits, when not refused
    const char* refusal;  // in the error, when refused
  };
  const Case cases[] = {
      {"punctuation only", "?!.,;:-", 0, nullptr},
      {"a lone star", "*", 0, nullptr},
      {"blank: the filters decide", "   ", kAllStatements + 2, nullptr},
      {"too long", std::string(rungs::search::kMaxQueryBytes + 1, 'a'), 0,
       "bytes; rungs searches queries of up to 4096 bytes"},
      {"too many words",
       [] {
         std::string q;
         for (std::size_t i = 0; i <= rungs::search::kMaxQueryWords; ++i) q += "m* ";
         return q;
       }(),
       0, "words; rungs searches queries of up to 64 words"},
      // The probe's 100 KB of m* (24 s before): refused at once, from its length.
      {"100 KB of wildcards",
       [] {
         std::string q;
         while (q.size() < 100000) q += "m*";
         return q;
       }(),
       0, "bytes; rungs searches queries"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    if (c.refusal == nullptr) {
      CHECK(run(searcher, c.query).total == c.total);
      continue;
    }
    std::string message;
    try {
      (void)run(searcher, c.query);
    } catch (const rungs::QueryError& e) {
      message = e.what();
    }
    CHECK_MESSAGE(message.find(c.refusal) != std::string::npos, message);
  }
  // Programs' plain-word requests (a statement's text) are not user queries: no limit.
  SearchRequest plain;
  plain.query = std::string(rungs::search::kMaxQueryBytes * 2, 'a');
  plain.plain_words = true;
  CHECK_NOTHROW((void)searcher.search(plain));
}

TEST_CASE("a hyphenated word or a quoted phrase holding a stopword finds its statements") {
  Fixture f;
  Searcher searcher(f.db);
  // "on" is a stopword: it used to be indexed without its stem, and the
  // parser looks for the stem inside a phrase, so these found nothing.
  for (const std::string query : {"on-call", "\"on call\"", "\"on-call engineers\""}) {
    CAPTURE(query);
    const auto results = run(searcher, query);
    CHECK(results.total >= 1);
    for (const auto& hit : results.hits) CHECK(hit.text.find("on-call") != std::string::npos);
  }
  CHECK(run(searcher, "\"on-call engineers\"").total == 1);
}
