// The index layout's terms: filter terms and id terms.

#include <doctest/doctest.h>

#include <string>

#include "rungs/indexer/schema.h"

namespace schema = rungs::indexer::schema;

TEST_CASE("filter terms are folded and stay under Xapian's term limit") {
  CHECK(schema::filter_term(schema::kPrefixLadder, "Ops-SRE") == "XLADDERops-sre");
  CHECK(schema::filter_term(schema::kPrefixArea, "Skill / Mastery") == "XAREAskill / mastery");
  const std::string long_a(400, 'a');
  const std::string long_b = long_a + "b";
  const auto ta = schema::filter_term(schema::kPrefixArea, long_a);
  const auto tb = schema::filter_term(schema::kPrefixArea, long_b);
  CHECK(ta.size() <= 245);
  CHECK(tb.size() <= 245);
  CHECK(ta != tb);
  CHECK(ta == schema::filter_term(schema::kPrefixArea, std::string(400, 'A')));
  // Multi-byte characters are not cut in half.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";
  const auto te = schema::filter_term(schema::kPrefixArea, accents);
  CHECK(te.size() <= 245);
  CHECK(static_cast<unsigned char>(te[te.find('#') - 1]) == 0xA9);
  CHECK(schema::id_term("ops-sre", "l4", 3) == "Qops-sre/l4/3");
  CHECK(schema::id_term(long_a, "l4", 3).size() <= 245);
}
