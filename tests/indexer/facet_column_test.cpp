// The facet column file: what the indexer writes after each commit, and when
// a reader refuses it.

#include "rungs/indexer/facet_column.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "rungs/indexer/indexer.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"
#include "test_support.h"

namespace schema = rungs::indexer::schema;
using rungs::indexer::FacetColumn;
using rungs::indexer::FacetValues;
using rungs::indexer::kFacetFields;
using rungs::testing::fixture_ladders;
using rungs::testing::TempDir;

namespace {

std::optional<FacetColumn> column_of(const std::filesystem::path& dir) {
  const Xapian::Database db(dir.string());
  return FacetColumn::open(dir, db.get_uuid(), db.get_revision());
}

// Every document's packed facet values read back through the column.
void check_rows(const std::filesystem::path& dir) {
  const Xapian::Database db(dir.string());
  const auto column = FacetColumn::open(dir, db.get_uuid(), db.get_revision());
  REQUIRE(column.has_value());
  CHECK(column->rows() == db.get_lastdocid() + 1);
  int documents = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const FacetValues expected = rungs::indexer::unpack_facets(db.get_document(*it).get_value(schema::kSlotFacets));
    const std::uint32_t* row = column->row(*it);
    for (std::size_t f = 0; f < kFacetFields.size(); ++f) {
      const std::string& value = expected.*kFacetFields[f].value;
      CAPTURE(value);
      if (value.empty()) {
        CHECK(row[f] == FacetColumn::kNone);
      } else {
        REQUIRE(row[f] < column->values(f).size());
        CHECK(column->values(f)[row[f]] == value);
      }
    }
    ++documents;
  }
  CHECK(documents == static_cast<int>(db.get_doccount()));
}

}  // namespace

TEST_CASE("the facet column holds every document's facet values, after a build and after each change") {
  TempDir tmp;
  const auto db = tmp.path() / "index";
  auto ladders = fixture_ladders();
  rungs::indexer::build_index(db, std::vector{ladders[0]});
  check_rows(db);

  rungs::indexer::add_ladders(db, std::vector{ladders[1]});  // new documents, new values
  check_rows(db);
  rungs::indexer::add_ladders(db, std::vector{ladders[0]});  // replaced: old rows belong to deleted documents
  check_rows(db);
  CHECK(rungs::indexer::remove_ladder(db, ladders[1].id));
  check_rows(db);
  CHECK_FALSE(std::filesystem::exists(db / (std::string(schema::kFacetColumnFile) + ".tmp")));
}

TEST_CASE("a facet column that does not describe the index is not used") {
  TempDir tmp;
  const auto db = tmp.path() / "index";
  rungs::indexer::build_index(db, fixture_ladders());
  const Xapian::Database xdb(db.string());
  const auto uuid = xdb.get_uuid();
  const auto revision = xdb.get_revision();
  REQUIRE(FacetColumn::open(db, uuid, revision).has_value());

  CHECK_FALSE(FacetColumn::open(db, uuid, revision + 1).has_value());                                // another commit
  CHECK_FALSE(FacetColumn::open(db, "00000000-0000-0000-0000-000000000000", revision).has_value());  // another index
  CHECK_FALSE(FacetColumn::open(tmp.path(), uuid, revision).has_value());                            // no file

  const auto file = db / schema::kFacetColumnFile;
  SUBCASE("truncated") {
    std::filesystem::resize_file(file, std::filesystem::file_size(file) - 4);
    CHECK_FALSE(column_of(db).has_value());
  }
  SUBCASE("not a column") {
    std::ofstream(file, std::ios::trunc) << std::string(200, 'x');
    CHECK_FALSE(column_of(db).has_value());
  }
  SUBCASE("a dictionary that runs past its end") {
    std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
    out.seekp(80);  // the first facet's value count
    const std::uint32_t huge = 1'000'000;
    out.write(reinterpret_cast<const char*>(&huge), sizeof huge);
    out.close();
    CHECK_FALSE(column_of(db).has_value());
  }
}
