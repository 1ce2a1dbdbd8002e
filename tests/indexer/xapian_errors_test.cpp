// Xapian's errors in rungs' words: each kind becomes the rungs error a user
// can act on.

#include "rungs/indexer/xapian_errors.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <string>

#include "rungs/corpus/error.h"

namespace {

// The message of what `rethrow` turns `error` into, checked to be an `E`.
// (`error` is thrown as its own type: a Xapian::Error& would slice it.)
template <typename E, typename XapianError, typename Rethrow>
std::string becomes(const XapianError& error, Rethrow&& rethrow) {
  try {
    try {
      throw error;
    } catch (const Xapian::Error&) {
      rethrow();
    }
  } catch (const E& e) {
    return e.what();
  } catch (...) {
    FAIL("another exception type");
  }
  return "";
}

}  // namespace

TEST_CASE("opening errors say what to run") {
  using rungs::indexer::rethrow_opening_error;
  const auto opening = [] { rethrow_opening_error("/idx"); };
  CHECK(becomes<rungs::IndexBusyError>(Xapian::DatabaseLockError("locked"), opening) ==
        "index /idx is being written by another rungs process; try again when it finishes");
  CHECK(becomes<rungs::IndexError>(Xapian::DatabaseVersionError("v9"), opening)
            .find("another Xapian version (v9): run `rungs index --rebuild`") != std::string::npos);
  CHECK(becomes<rungs::IndexError>(Xapian::DatabaseCorruptError("bad block"), opening) ==
        "index /idx is corrupt (bad block): run `rungs index --rebuild`");
  CHECK(becomes<rungs::IndexError>(Xapian::DatabaseNotFoundError("none"), opening) ==
        "no index at /idx (none): run `rungs index` first");
  CHECK(becomes<rungs::IndexError>(Xapian::NetworkError("refused"), opening) ==
        "cannot reach the shard of /idx: refused");
}

TEST_CASE("reading errors tell a damaged index from a bad request") {
  using rungs::indexer::rethrow_reading_error;
  const auto reading = [] { rethrow_reading_error("/idx", "search for 'x'"); };
  CHECK(becomes<rungs::IndexError>(Xapian::DatabaseModifiedError("moved"), reading)
            .find("keeps changing while being read") != std::string::npos);
  CHECK(becomes<rungs::IndexError>(Xapian::DatabaseCorruptError("bad"), reading).find("is corrupt") !=
        std::string::npos);
  CHECK(becomes<rungs::IndexError>(Xapian::NetworkError("gone"), reading) ==
        "a shard of index /idx cannot be reached: gone");
  CHECK(
      becomes<rungs::QueryError>(Xapian::InvalidArgumentError("odd"), reading).starts_with("cannot search for 'x': "));
}

TEST_CASE("writing errors name the index; a lock held by another writer says so") {
  using rungs::indexer::rethrow_writing_error;
  const auto writing = [] { rethrow_writing_error("/idx"); };
  CHECK(becomes<rungs::IndexError>(Xapian::DatabaseError("disk full"), writing)
            .starts_with("writing index /idx failed: "));
  CHECK(becomes<rungs::IndexBusyError>(Xapian::DatabaseLockError("locked"), writing).find("being written") !=
        std::string::npos);
}
