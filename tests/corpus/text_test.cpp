#include <doctest/doctest.h>

#include "rungs/corpus/text.h"
#include "test_support.h"

namespace rungs::corpus {
namespace {

TEST_CASE("repair_mojibake undoes one Windows-1252 round trip and nothing else") {
  struct Case {
    const char* name;
    std::string_view input;
    std::string_view expected;
  };
  const Case cases[] = {
      {"seed apostrophe", "work thatâ€™s high-leverage", "work that’s high-leverage"},
      {"double-encoded é", "rÃ©sumÃ©", "résumé"},
      {"en dash", "2â€“3 people", "2–3 people"},
      {"correct apostrophe kept", "that’s", "that’s"},
      {"correct é kept", "café résumé", "café résumé"},
      {"ASCII kept", "plain text", "plain text"},
      {"accents that undo to no UTF-8 kept", "naïve façade", "naïve façade"},
      {"invalid UTF-8 kept as is", "bad \xFF byte", "bad \xFF byte"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(repair_mojibake(c.input) == c.expected);
  }
}

TEST_CASE("normalize_text repairs and composes, and names the line of bad bytes") {
  CHECK(normalize_text("thatâ€™s", "doc.md", 1) == "that’s");
  CHECK(normalize_text("cafe\xCC\x81", "doc.md", 1) == "caf\xC3\xA9");  // e + U+0301 → é (NFC)

  struct Case {
    const char* name;
    std::string_view input;
    const char* expected;
  };
  const Case cases[] = {
      {"invalid byte on line 3",
       "one\ntwo\nthr\xFF"
       "ee\n",
       "doc.md:3: invalid UTF-8 (byte 0xFF)"},
      {"truncated sequence on line 1", "caf\xC3", "doc.md:1: invalid UTF-8 (byte 0xC3)"},
      {"NUL on line 2", std::string_view("a\nb\0c", 5), "doc.md:2: contains a NUL byte"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const std::string message = test::error_message([&] { (void)normalize_text(c.input, "doc.md", 1); });
    CHECK(message.starts_with(c.expected));
  }
}

TEST_CASE("fold_case folds fully, slugify keeps ASCII letters and digits and the base of accented letters") {
  struct Case {
    std::string_view input;
    std::string_view folded;
    std::string_view slug;
  };
  const Case cases[] = {
      {"Lead SRE (L4)", "lead sre (l4)", "lead-sre-l4"},
      {"Straße", "strasse", "strasse"},
      {"STRASSE", "strasse", "strasse"},
      {"  Senior  DevOps -- Engineer ", "  senior  devops -- engineer ", "senior-devops-engineer"},
      {"L3: Senior DevOps Support Engineer", "l3: senior devops support engineer", "l3-senior-devops-support-engineer"},
      {"Ownership — Manager of One", "ownership — manager of one", "ownership-manager-of-one"},
      {"ÉQUIPE", "équipe", "equipe"},
      {"Ingénieur Support Sénior", "ingénieur support sénior", "ingenieur-support-senior"},
      {"Søren's Åland crew", "søren's åland crew", "s-ren-s-aland-crew"},  // ø has no decomposition: it drops out
      {"シニアエンジニア", "シニアエンジニア", ""},  // no Latin letter: callers fall back to "level-N"
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(fold_case(c.input) == c.folded);
    CHECK(slugify(c.input) == c.slug);
  }
}

}  // namespace
}  // namespace rungs::corpus
