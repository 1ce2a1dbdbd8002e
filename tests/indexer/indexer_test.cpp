// Writing the index: layout, replacement, metadata, schema and lock errors.

#include "rungs/indexer/indexer.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "rungs/analysis/analyzer.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"
#include "rungs/indexer/facet_column.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"
#include "test_support.h"

namespace schema = rungs::indexer::schema;
using rungs::corpus::Ladder;
using rungs::corpus::StatementKind;
using rungs::testing::fixture_ladders;
using rungs::testing::TempDir;

namespace {

std::size_t indexed_statements(const std::vector<Ladder>& ladders) {
  std::size_t n = 0;
  for (const auto& ladder : ladders) {
    n += static_cast<std::size_t>(rungs::corpus::count(ladder, StatementKind::competency) +
                                  rungs::corpus::count(ladder, StatementKind::summary));
  }
  return n;
}

// Documents in the index: every statement, set-aside boilerplate included.
std::size_t all_statements(const std::vector<Ladder>& ladders) {
  std::size_t n = 0;
  for (const auto& ladder : ladders) {
    for (const auto& level : ladder.levels) n += level.statements.size();
  }
  return n;
}

Xapian::Document document_for(const Xapian::Database& db, const std::string& id_term) {
  Xapian::PostingIterator p = db.postlist_begin(id_term);
  REQUIRE(p != db.postlist_end(id_term));
  return db.get_document(*p);
}

}  // namespace

TEST_CASE("build_index writes one document per statement, boilerplate marked as such") {
  TempDir tmp;
  const auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  const auto stats = rungs::indexer::build_index(db_path, ladders);
  CHECK(stats.ladders == 2);
  CHECK(stats.documents == indexed_statements(ladders));
  CHECK(stats.set_aside == 2);

  Xapian::Database db(db_path.string());
  CHECK(db.get_doccount() == stats.documents + stats.set_aside);
  CHECK(db.get_metadata(std::string(schema::kMetaSchema)) == std::to_string(schema::kVersion));

  SUBCASE("boilerplate is indexed under its own kind") {
    CHECK(db.get_termfreq(schema::filter_term(schema::kPrefixKind, "boilerplate")) == 2);
    CHECK(db.get_termfreq("Zadher") == 2);
    CHECK(db.get_termfreq(schema::id_term("acme-eng", "e1", 4)) == 1);
  }

  SUBCASE("terms, values and data of one statement") {
    // acme-eng e2, statement 3: "Organises design reviews for <critical> ..."
    const auto doc = document_for(db, schema::id_term("acme-eng", "e2", 3));
    std::set<std::string> terms(doc.termlist_begin(), doc.termlist_end());
    for (const char* term : {"XFWacme", "XLADDERacme-eng", "XLEVELe2", "XLEVELacme-eng/e2", "XAREAskill / mastery",
                             "XTRACKindividual", "XKINDcompetency", "Zorgan", "organizes", "Zdesign", "critical"}) {
      const std::string t = term;
      CAPTURE(t);
      CHECK(terms.count(t) == 1);
    }
    CHECK(terms.count("organises") == 0);
    CHECK(doc.values_count() == 2);  // the packed facets and the record
    CHECK(rungs::indexer::unpack_facets(doc.get_value(schema::kSlotFacets)) ==
          rungs::indexer::FacetValues{.framework = "acme",
                                      .ladder = "acme-eng",
                                      .level = "acme-eng/e2",
                                      .area = "Skill / Mastery",
                                      .track = "individual",
                                      .kind = "competency"});
    CHECK(doc.get_data().empty());
    const auto record = nlohmann::json::parse(doc.get_value(schema::kSlotRecord));
    CHECK(record["framework"] == "acme");
    CHECK(record["ladder"] == "acme-eng");
    CHECK(record["level"] == "e2");
    CHECK(record["level_title"] == "Senior Engineer");
    CHECK(record["level_rank"] == 2);
    CHECK(record["area"] == "Skill / Mastery");
    CHECK(record["kind"] == "competency");
    CHECK(record["text"] == ladders[0].levels[1].statements[3].text);
    CHECK(record["source"] == "acme.md");
    CHECK(record["line"] == 15);
  }

  SUBCASE("summaries and management levels get their facet terms") {
    CHECK(db.get_termfreq("XKINDsummary") == 2);
    CHECK(db.get_termfreq("XTRACKmanagement") == 2);
    CHECK(db.get_termfreq("XLEVELl4") == 2);
  }

  SUBCASE("metadata round-trips the ladders") {
    for (const auto& ladder : ladders) {
      const auto stored = db.get_metadata(std::string(schema::kMetaLadderPrefix) + ladder.id);
      REQUIRE(!stored.empty());
      CHECK(rungs::indexer::stored_ladder(stored, "metadata") == ladder);
    }
    CHECK(db.get_metadata(std::string(schema::kMetaFingerprint)).empty());
  }

  SUBCASE("spelling data holds the indexed words") { CHECK(db.get_spelling_suggestion("postmortms") == "postmortems"); }
}

TEST_CASE("re-indexing a ladder replaces its documents") {
  TempDir tmp;
  auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::add_ladders(db_path, ladders);
  const auto before = Xapian::Database(db_path.string()).get_doccount();

  auto spelling_freq = [&](const std::string& word) {
    Xapian::Database db(db_path.string());
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
      if (*it == word) return it.get_termfreq();
    }
    return Xapian::doccount{0};
  };
  const auto mentors_freq = spelling_freq("mentors");
  CHECK(mentors_freq == 2);

  auto& statement = ladders[1].levels[1].statements[0];  // globex l2: "Leads incident response ..."
  REQUIRE(statement.text.find("postmortems") != std::string::npos);
  statement.text = "Runs chaos engineering gamedays.";
  std::vector<Ladder> changed{ladders[1]};
  for (int i = 0; i < 3; ++i) {
    const auto stats = rungs::indexer::add_ladders(db_path, changed);
    CHECK(stats.ladders == 1);
  }

  Xapian::Database db(db_path.string());
  CHECK(db.get_doccount() == before);
  CHECK(db.get_termfreq("Zgameday") == 1);
  CHECK(db.get_termfreq("Zpostmortem") == 0);
  CHECK(rungs::indexer::stored_ladder(db.get_metadata(std::string(schema::kMetaLadderPrefix) + "globex-sre"), "m") ==
        ladders[1]);
  // The other ladder is untouched.
  CHECK(db.get_termfreq("XLADDERacme-eng") == static_cast<Xapian::doccount>(all_statements({ladders[0]})));
  // Spelling frequencies do not drift, and words no longer indexed are gone.
  CHECK(spelling_freq("mentors") == mentors_freq);
  CHECK(spelling_freq("postmortems") == 0);
  CHECK(spelling_freq("gamedays") == 1);
}

TEST_CASE("progress and fingerprint options") {
  TempDir tmp;
  const auto ladders = fixture_ladders();
  std::vector<std::string> seen;
  std::vector<std::size_t> statements;
  bool committing = false;
  rungs::indexer::IndexOptions options;
  options.fingerprint = "abc123";
  options.progress = [&](const rungs::indexer::IndexProgress& progress) {
    CHECK(progress.ladders_total == 2);
    CHECK(progress.statements_total == 19);  // boilerplate included
    CHECK_FALSE(committing);                 // the commit comes last, once
    committing = progress.committing;
    if (committing) {
      CHECK(progress.ladders_done == 2);
      CHECK(progress.ladder.empty());
      return;
    }
    CHECK(progress.ladders_done == seen.size() + 1);
    seen.push_back(progress.ladder);
    statements.push_back(progress.statements_done);
  };
  rungs::indexer::build_index(tmp.path() / "index", ladders, options);
  CHECK(seen == std::vector<std::string>{"acme-eng", "globex-sre"});
  CHECK(statements == std::vector<std::size_t>{12, 19});  // acme-eng: 10 statements and 2 set aside
  CHECK(committing);
  Xapian::Database db((tmp.path() / "index").string());
  CHECK(db.get_metadata(std::string(schema::kMetaFingerprint)) == "abc123");
}

TEST_CASE("remove_ladder deletes documents and metadata") {
  TempDir tmp;
  const auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::build_index(db_path, ladders);
  CHECK(rungs::indexer::remove_ladder(db_path, "acme-eng"));
  CHECK_FALSE(rungs::indexer::remove_ladder(db_path, "acme-eng"));
  Xapian::Database db(db_path.string());
  CHECK(db.get_doccount() == all_statements({ladders[1]}));
  CHECK(db.get_metadata(std::string(schema::kMetaLadderPrefix) + "acme-eng").empty());
  CHECK(db.get_termfreq("XLADDERacme-eng") == 0);
  CHECK_THROWS_AS(rungs::indexer::remove_ladder(tmp.path() / "missing", "x"), rungs::IndexError);
}

TEST_CASE("build_index replaces an index in place and leaves no temporary directory") {
  // Only the index and its writer lock file remain beside it.
  TempDir tmp;
  auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::build_index(db_path, ladders);
  rungs::indexer::build_index(db_path / "", std::vector<Ladder>{ladders[1]});
  Xapian::Database db(db_path.string());
  CHECK(db.get_doccount() == all_statements({ladders[1]}));
  CHECK(db.get_metadata(std::string(schema::kMetaLadderPrefix) + "acme-eng").empty());
  std::size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(tmp.path())) {
    CAPTURE(entry.path().string());
    CHECK((entry.path().filename() == "index" || entry.path().filename() == "index.lock"));
    ++entries;
  }
  CHECK(entries == 2);
}

TEST_CASE("build_index refuses to replace a directory that is not an index") {
  TempDir tmp;
  const auto dir = tmp.path() / "docs";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "keep me";
  const auto ladders = fixture_ladders();
  CHECK_THROWS_AS(rungs::indexer::build_index(dir, ladders), rungs::IndexError);
  CHECK(std::filesystem::exists(dir / "notes.txt"));
}

TEST_CASE("an index of another schema version is refused with what to run") {
  TempDir tmp;
  const auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::build_index(db_path, ladders);
  {
    Xapian::WritableDatabase db(db_path.string());
    db.set_metadata(std::string(schema::kMetaSchema), "0");
    db.commit();
  }
  try {
    rungs::indexer::add_ladders(db_path, ladders);
    FAIL("expected IndexError");
  } catch (const rungs::IndexError& e) {
    const std::string what = e.what();
    CHECK(what.find("schema version 0") != std::string::npos);
    CHECK(what.find("rungs index --rebuild") != std::string::npos);
  }
  // Nothing was written by the refused run.
  CHECK(Xapian::Database(db_path.string()).get_metadata(std::string(schema::kMetaSchema)) == "0");
  // A rebuild fixes it.
  rungs::indexer::build_index(db_path, ladders);
  CHECK(Xapian::Database(db_path.string()).get_metadata(std::string(schema::kMetaSchema)) ==
        std::to_string(schema::kVersion));
}

TEST_CASE("a foreign Xapian database is not taken over") {
  TempDir tmp;
  const auto db_path = tmp.path() / "other";
  {
    Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("hello");
    db.add_document(doc);
    db.commit();
  }
  CHECK_THROWS_AS(rungs::indexer::add_ladders(db_path, fixture_ladders()), rungs::IndexError);
}

TEST_CASE("a second writer gets an actionable error") {
  TempDir tmp;
  const auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::build_index(db_path, ladders);
  Xapian::WritableDatabase holder(db_path.string());
  try {
    rungs::indexer::add_ladders(db_path, ladders);
    FAIL("expected IndexError");
  } catch (const rungs::IndexError& e) {
    CHECK(std::string(e.what()).find("being written by another rungs process") != std::string::npos);
  }
  CHECK_THROWS_AS(rungs::indexer::build_index(db_path, ladders), rungs::IndexError);
  holder.close();
  CHECK(Xapian::Database(db_path.string()).get_doccount() == all_statements(ladders));
}

TEST_CASE("long facet values and ids are hashed, not rejected") {
  TempDir tmp;
  Ladder ladder;
  ladder.id = std::string(200, 'x');
  ladder.framework = "f";
  ladder.name = "Long";
  rungs::corpus::Level level;
  level.id = std::string(100, 'y');
  level.title = "Level";
  level.rank = 1;
  level.statements.push_back({"Writes code.", std::string(300, 'A'), StatementKind::competency, "", 0, ""});
  ladder.levels.push_back(level);
  const auto stats = rungs::indexer::build_index(tmp.path() / "index", std::vector<Ladder>{ladder});
  CHECK(stats.documents == 1);
  Xapian::Database db((tmp.path() / "index").string());
  CHECK(db.get_termfreq(schema::filter_term(schema::kPrefixArea, std::string(300, 'a'))) == 1);
}

TEST_CASE("a failed run leaves the previous commit") {
  TempDir tmp;
  const auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::add_ladders(db_path, std::vector<Ladder>{ladders[0]});
  Ladder bad = ladders[1];
  bad.id = "";
  std::vector<Ladder> batch{ladders[1], bad};
  CHECK_THROWS_AS(rungs::indexer::add_ladders(db_path, batch), rungs::IndexError);
  Xapian::Database db(db_path.string());
  CHECK(db.get_termfreq("XLADDERglobex-sre") == 0);
  CHECK(db.get_doccount() == all_statements({ladders[0]}));
}

TEST_CASE("a run cleans up after a killed one: half-built and retired directories") {
  TempDir tmp;
  const auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::build_index(db_path, std::vector<Ladder>{ladders[0]});
  // What a run killed mid-build leaves: a half-written index under another pid.
  rungs::indexer::build_index(tmp.path() / "index.tmp-999999", std::vector<Ladder>{ladders[1]});
  std::filesystem::create_directories(tmp.path() / "index.old-888888");
  std::filesystem::create_directories(tmp.path() / "index.tmp-notapid");  // not ours: kept
  rungs::indexer::add_ladders(db_path, std::vector<Ladder>{ladders[1]});
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "index.tmp-999999"));
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "index.old-888888"));
  CHECK(std::filesystem::exists(tmp.path() / "index.tmp-notapid"));
  CHECK(Xapian::Database(db_path.string()).get_doccount() == all_statements(ladders));
}

TEST_CASE("an index moved aside by a killed run is put back") {
  // Without RENAME_EXCHANGE a swap is two renames; a run killed between them
  // leaves the old index at <db>.old-<pid> and nothing at <db>.
  TempDir tmp;
  const auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::build_index(db_path, std::vector<Ladder>{ladders[0]});
  std::filesystem::rename(db_path, tmp.path() / "index.old-4242");
  rungs::indexer::add_ladders(db_path, std::vector<Ladder>{ladders[1]});
  CHECK(Xapian::Database(db_path.string()).get_doccount() == all_statements(ladders));
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "index.old-4242"));
}

TEST_CASE("the writer lock: a second writer is told who holds it, and the lock dies with its holder") {
  TempDir tmp;
  const auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::build_index(db_path, ladders);
  const auto lock_path = tmp.path() / "index.lock";
  REQUIRE(std::filesystem::exists(lock_path));
  int fd = ::open(lock_path.c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      if (attempt == 0) rungs::indexer::add_ladders(db_path, ladders);
      if (attempt == 1) rungs::indexer::build_index(db_path, ladders);
      if (attempt == 2) (void)rungs::indexer::remove_ladder(db_path, "acme-eng");
      FAIL("expected IndexError");
    } catch (const rungs::IndexError& e) {
      CHECK(std::string(e.what()).find("being written by another rungs process") != std::string::npos);
    }
  }
  ::close(fd);  // as when the holder is killed
  CHECK(rungs::indexer::remove_ladder(db_path, "acme-eng"));
}

TEST_CASE("packed facet values round-trip any bytes; malformed ones are refused") {
  const std::string nul_and_separators = std::string("a\0b", 3) + "\x1f/\x80";
  const rungs::indexer::FacetValues cases[] = {
      {},
      {.framework = "acme",
       .ladder = "acme-eng",
       .level = "acme-eng/e2",
       .area = "",
       .track = "individual",
       .kind = "competency"},
      {.framework = std::string(127, 'f'),
       .ladder = std::string(128, 'l'),
       .level = std::string(300, 'v'),
       .area = std::string(16384, 'a'),
       .track = nul_and_separators,
       .kind = "Équipe · ü"},
  };
  for (const auto& values : cases) {
    CAPTURE(values.area.size());
    CHECK(rungs::indexer::unpack_facets(rungs::indexer::pack_facets(values)) == values);
  }
  const std::string packed = rungs::indexer::pack_facets(cases[1]);
  for (const std::string& bad :
       {packed.substr(0, packed.size() - 1), packed + "x", std::string("\x85"), std::string(8, '\xff')}) {
    CHECK_THROWS_AS((void)rungs::indexer::unpack_facets(bad), rungs::IndexError);
  }
}

TEST_CASE("stored ladders read back equal, and an unreadable record says what to run") {
  auto ladders = fixture_ladders();
  Ladder full;
  full.id = "full";
  full.framework = "fw";
  full.name = "Every \"field\" set";
  full.source = "hand-made";
  full.documents = {"a.md", "b.md"};
  rungs::corpus::Level level;
  level.id = "l1";
  level.title = "Lead";
  level.code = "L1";
  level.rank = 3;
  level.track = "management";
  level.aliases = {"Boss", "Chef d'équipe"};
  level.missing = true;
  level.statements = {
      {.text = "Runs things.",
       .area = "Ops",
       .kind = StatementKind::summary,
       .source = "a.md",
       .line = 0,
       .reason = ""},
      {.text = "Adhere to the rules.",
       .area = "",
       .kind = StatementKind::boilerplate,
       .source = "",
       .line = 12,
       .reason = "footer"},
  };
  rungs::corpus::Level empty;
  empty.id = "l2";
  empty.title = "Empty";
  full.levels = {level, empty};
  ladders.push_back(full);
  for (const auto& ladder : ladders) {
    CAPTURE(ladder.id);
    CHECK(rungs::indexer::stored_ladder(rungs::indexer::store_ladder(ladder), "k") == ladder);
  }
  for (const std::string bad : {"", "{", "[]", R"({"id": "x"})",
                                R"({"id":"x","framework":"f","name":"n","source":"","documents":[],)"
                                R"("levels":[{"id":"l","title":"t","code":"","rank":1,"track":"individual",)"
                                R"("aliases":[],"missing":false,"statements":[["t","","nonsense","",0,""]]}]})"}) {
    CAPTURE(bad);
    try {
      (void)rungs::indexer::stored_ladder(bad, "rungs.ladder.x");
      FAIL("expected IndexError");
    } catch (const rungs::IndexError& e) {
      const std::string what = e.what();
      CHECK(what.find("rungs.ladder.x") != std::string::npos);
      CHECK(what.find("rungs index --rebuild") != std::string::npos);
    }
  }
}

TEST_CASE("the spelling table counts exactly the analysed words of the indexed statements") {
  TempDir tmp;
  const auto ladders = fixture_ladders();
  const auto db_path = tmp.path() / "index";
  rungs::indexer::build_index(db_path, ladders);
  // The oracle: Analyzer::words of every indexed statement, stopwords,
  // one-letter words and words with digits left out.
  const std::set<std::string> stop(rungs::analysis::stopwords().begin(), rungs::analysis::stopwords().end());
  const rungs::analysis::Analyzer analyzer;
  std::map<std::string, Xapian::doccount> expected;
  for (const auto& ladder : ladders) {
    for (const auto& level : ladder.levels) {
      for (const auto& statement : level.statements) {
        if (statement.kind == StatementKind::boilerplate) continue;
        for (const auto& word : analyzer.words(statement.text)) {
          if (stop.count(word) != 0 || word.size() < 2) continue;
          if (word.find_first_of("0123456789") != std::string::npos) continue;
          ++expected[word];
        }
      }
    }
  }
  REQUIRE(expected.size() > 20);
  Xapian::Database db(db_path.string());
  std::map<std::string, Xapian::doccount> got;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) got[*it] = it.get_termfreq();
  CHECK(got == expected);
}

TEST_CASE("a ladder id given twice to one build keeps only the last one") {
  TempDir tmp;
  auto ladders = fixture_ladders();
  auto second = ladders[0];
  second.levels[0].statements.resize(1);
  second.levels[0].statements[0].text = "Writes chaos gamedays.";
  ladders.push_back(second);
  const auto db_path = tmp.path() / "index";
  rungs::indexer::build_index(db_path, ladders);
  Xapian::Database db(db_path.string());
  CHECK(db.get_termfreq("XLADDERacme-eng") == static_cast<Xapian::doccount>(all_statements({second})));
  CHECK(db.get_termfreq("Zgameday") == 1);
  CHECK(rungs::indexer::stored_ladder(db.get_metadata(std::string(schema::kMetaLadderPrefix) + "acme-eng"), "k") ==
        second);
}

TEST_CASE("an index reached through a symbolic link is rebuilt in its real place, under one lock") {
  TempDir tmp;
  auto ladders = fixture_ladders();
  const auto real = tmp.path() / "real-index";
  const auto link = tmp.path() / "link";
  rungs::indexer::build_index(real, ladders);
  std::filesystem::create_directory_symlink(real, link);
  rungs::indexer::build_index(link, std::vector<Ladder>{ladders[1]});
  CHECK(std::filesystem::is_symlink(link));  // the link is kept, not replaced by a directory
  CHECK(Xapian::Database(real.string()).get_doccount() == all_statements({ladders[1]}));
  // Both names take the same writer lock: no "link.lock" beside the real one.
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "link.lock"));
  CHECK(std::filesystem::exists(tmp.path() / "real-index.lock"));
}

TEST_CASE("a build on several threads writes the index one thread writes") {
  TempDir tmp;
  auto ladders = rungs::corpus::load_corpus(std::filesystem::path(RUNGS_SOURCE_DIR) / "corpus" / "ladders");
  for (const auto& ladder : fixture_ladders()) ladders.push_back(ladder);
  const auto one = tmp.path() / "one";
  const auto three = tmp.path() / "three";
  rungs::indexer::IndexOptions options;
  options.threads = 1;
  const auto stats_one = rungs::indexer::build_index(one, ladders, options);
  options.threads = 3;
  std::size_t last_done = 0;
  int committing = 0;
  options.progress = [&](const rungs::indexer::IndexProgress& p) {
    CHECK(p.statements_done >= last_done);  // one count over every shard, never going back
    last_done = p.statements_done;
    committing += p.committing ? 1 : 0;
  };
  const auto stats_three = rungs::indexer::build_index(three, ladders, options);
  CHECK(committing == 1);
  CHECK(stats_three.ladders == stats_one.ladders);
  CHECK(stats_three.documents == stats_one.documents);
  CHECK(stats_three.set_aside == stats_one.set_aside);
  for (const auto& leftover : std::filesystem::directory_iterator(tmp.path())) {
    CHECK(leftover.path().filename().string().find("shard") == std::string::npos);
  }

  const Xapian::Database a(one.string());
  const Xapian::Database b(three.string());
  REQUIRE(a.get_doccount() == b.get_doccount());
  CHECK(a.get_lastdocid() == b.get_lastdocid());
  std::map<std::string, std::pair<Xapian::doccount, Xapian::termcount>> terms_a, terms_b;
  for (auto t = a.allterms_begin(); t != a.allterms_end(); ++t)
    terms_a[*t] = {t.get_termfreq(), a.get_collection_freq(*t)};
  for (auto t = b.allterms_begin(); t != b.allterms_end(); ++t)
    terms_b[*t] = {t.get_termfreq(), b.get_collection_freq(*t)};
  CHECK(terms_a == terms_b);
  std::map<std::string, Xapian::doccount> spelling_a, spelling_b;
  for (auto t = a.spellings_begin(); t != a.spellings_end(); ++t) spelling_a[*t] = t.get_termfreq();
  for (auto t = b.spellings_begin(); t != b.spellings_end(); ++t) spelling_b[*t] = t.get_termfreq();
  CHECK(spelling_a == spelling_b);
  std::set<std::pair<std::string, std::string>> synonyms_a, synonyms_b;
  for (auto k = a.synonym_keys_begin(); k != a.synonym_keys_end(); ++k) {
    for (auto s = a.synonyms_begin(*k); s != a.synonyms_end(*k); ++s) synonyms_a.emplace(*k, *s);
  }
  for (auto k = b.synonym_keys_begin(); k != b.synonym_keys_end(); ++k) {
    for (auto s = b.synonyms_begin(*k); s != b.synonyms_end(*k); ++s) synonyms_b.emplace(*k, *s);
  }
  CHECK(!synonyms_a.empty());
  CHECK(synonyms_a == synonyms_b);
  std::map<std::string, std::string> metadata_a, metadata_b;
  for (auto k = a.metadata_keys_begin(); k != a.metadata_keys_end(); ++k) metadata_a[*k] = a.get_metadata(*k);
  for (auto k = b.metadata_keys_begin(); k != b.metadata_keys_end(); ++k) metadata_b[*k] = b.get_metadata(*k);
  CHECK(metadata_a.erase(std::string(schema::kMetaCommit)) == 1);  // the shards and the merge commit more often
  CHECK(metadata_b.erase(std::string(schema::kMetaCommit)) == 1);
  CHECK(metadata_a == metadata_b);
  for (Xapian::docid id = 1; id <= a.get_lastdocid(); ++id) {
    CHECK(a.get_document(id).get_value(schema::kSlotRecord) == b.get_document(id).get_value(schema::kSlotRecord));
  }
  CHECK(rungs::indexer::FacetColumn::open(three, b.get_uuid(), b.get_revision()).has_value());
}

TEST_CASE("a ladder given twice to a build on several threads is replaced by its second copy") {
  TempDir tmp;
  auto ladders = fixture_ladders();
  auto second = ladders[0];
  second.levels.resize(1);
  ladders.push_back(second);
  rungs::indexer::IndexOptions options;
  options.threads = 3;
  const auto stats = rungs::indexer::build_index(tmp.path() / "index", ladders, options);
  const Xapian::Database db((tmp.path() / "index").string());
  std::size_t expected = 0;
  for (const auto& level : second.levels) expected += level.statements.size();
  for (const auto& level : ladders[1].levels) expected += level.statements.size();
  CHECK(db.get_doccount() == expected);
  CHECK(stats.ladders == 3);  // three written, the first replaced
}
