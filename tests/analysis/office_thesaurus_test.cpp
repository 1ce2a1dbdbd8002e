// The OpenOffice thesaurus reader: a small thesaurus in its file layout
// (exact weights, the index's order), then Debian's mythes-en-us.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "rungs/analysis/office_thesaurus.h"
#include "rungs/corpus/error.h"

namespace {

using rungs::analysis::OfficeThesaurus;
using rungs::analysis::WeightedWord;

double weight_of(const std::vector<WeightedWord>& words, const std::string& word) {
  for (const auto& w : words)
    if (w.word == word) return w.weight;
  return 0;
}

// Writes a thesaurus of `entries` ("word|senses" then a line per sense) with
// its index, as th_gen_idx.pl lays them out: two header lines, then
// "word|offset" sorted by word.
std::filesystem::path write_thesaurus(const std::vector<std::vector<std::string>>& entries) {
  const auto dir = std::filesystem::temp_directory_path() / "rungs-office-thesaurus-test";
  std::filesystem::create_directories(dir);
  std::ofstream dat(dir / "th_en_US_v2.dat", std::ios::binary);
  std::vector<std::pair<std::string, std::size_t>> index;
  std::string text = "UTF-8\n";
  for (const auto& entry : entries) {
    index.emplace_back(entry.front().substr(0, entry.front().find('|')), text.size());
    for (const auto& line : entry) text += line + "\n";
  }
  dat << text;
  std::sort(index.begin(), index.end());
  std::ofstream idx(dir / "th_en_US_v2.idx", std::ios::binary);
  idx << "UTF-8\n" << index.size() << "\n";
  for (const auto& [word, offset] : index) idx << word << '|' << offset << "\n";
  return dir;
}

}  // namespace

TEST_CASE("the OpenOffice thesaurus weighs senses and term kinds, leaves antonyms out, and finds base forms") {
  // "supervised" and "supervisor" sort around "supervise" by word but not as
  // "word|" prefixes ('|' sorts after every letter): the lookup goes by word.
  const auto dir = write_thesaurus({
      {"supervise|2", "(verb)|oversee|manage (generic term)", "(verb)|monitor|neglect (antonym)"},
      {"supervised|1", "(adj)|controlled"},
      {"supervisor|1", "(noun)|overseer|boss (generic term)"},
      {"act up|1", "(verb)|misbehave (generic term)|carry on"},
      {"call|1", "(verb)|phone"},
  });
  const OfficeThesaurus thesaurus(dir);
  const auto supervise = thesaurus.related("supervise");
  CHECK(weight_of(supervise, "oversee") == doctest::Approx(1.0));
  CHECK(weight_of(supervise, "manage") == doctest::Approx(0.5));
  CHECK(weight_of(supervise, "monitor") == doctest::Approx(0.6));
  CHECK(weight_of(supervise, "neglect") == 0);
  CHECK(supervise.size() == 3);
  CHECK(weight_of(thesaurus.related("supervisor"), "overseer") == doctest::Approx(1.0));
  CHECK(weight_of(thesaurus.related("supervised"), "controlled") == doctest::Approx(1.0));
  CHECK(weight_of(thesaurus.related("act up"), "misbehave") == doctest::Approx(0.5));
  CHECK(weight_of(thesaurus.related("acting up"), "carry on") == doctest::Approx(1.0));
  CHECK(weight_of(thesaurus.related("calls"), "phone") == doctest::Approx(1.0));  // no "calls" entry: "call"'s
  CHECK(thesaurus.related("xqzzyv").empty());
  CHECK(thesaurus.related("").empty());
  std::filesystem::remove_all(dir);
}

TEST_CASE("Debian's OpenOffice thesaurus relates everyday words to ladder words") {
  const OfficeThesaurus thesaurus;
  CHECK(weight_of(thesaurus.related("supervise"), "oversee") == doctest::Approx(1.0));
  CHECK(weight_of(thesaurus.related("acts up"), "misbehave") > 0);  // "act up"'s
  CHECK(weight_of(thesaurus.related("junior"), "senior") == 0);     // its antonym
  CHECK(weight_of(thesaurus.related("babysitter"), "sitter") == doctest::Approx(1.0));
}

TEST_CASE("a missing OpenOffice thesaurus is an error that names the package") {
  try {
    const OfficeThesaurus thesaurus("/nonexistent/mythes");
    FAIL("no error");
  } catch (const rungs::Error& e) {
    CHECK(std::string(e.what()).find("mythes-en-us") != std::string::npos);
  }
}
