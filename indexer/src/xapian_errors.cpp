// Xapian's errors in rungs' words (see xapian_errors.h). The most derived
// Xapian classes are caught first.

#include "rungs/indexer/xapian_errors.h"

#include <fmt/core.h>
#include <xapian.h>

#include "rungs/corpus/error.h"

namespace rungs::indexer {
namespace {

constexpr std::string_view kRebuild = "run `rungs index --rebuild`";

}  // namespace

void rethrow_opening_error(std::string_view where) {
  try {
    throw;
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexBusyError(
        fmt::format("index {} is being written by another rungs process; try again when it finishes", where));
  } catch (const Xapian::DatabaseVersionError& e) {
    throw IndexError(
        fmt::format("index {} was written by another Xapian version ({}): {}", where, e.get_msg(), kRebuild));
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError(fmt::format("index {} is corrupt ({}): {}", where, e.get_msg(), kRebuild));
  } catch (const Xapian::NetworkError& e) {
    throw IndexError(fmt::format("cannot reach the shard of {}: {}", where, e.get_msg()));
  } catch (const Xapian::DatabaseOpeningError& e) {  // not there, or not an index
    throw IndexError(fmt::format("no index at {} ({}): run `rungs index` first", where, e.get_msg()));
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("cannot open index {}: {}", where, e.get_description()));
  }
}

void rethrow_reading_error(std::string_view where, std::string_view doing) {
  try {
    throw;
  } catch (const Xapian::DatabaseModifiedError& e) {
    throw IndexError(fmt::format("index {} keeps changing while being read ({}); try again", where, e.get_msg()));
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError(fmt::format("index {} is corrupt ({}): {}", where, e.get_msg(), kRebuild));
  } catch (const Xapian::NetworkError& e) {
    throw IndexError(fmt::format("a shard of index {} cannot be reached: {}", where, e.get_msg()));
  } catch (const Xapian::DatabaseError& e) {
    throw IndexError(fmt::format("cannot read index {}: {}", where, e.get_description()));
  } catch (const Xapian::Error& e) {
    throw QueryError(fmt::format("cannot {}: {}", doing, e.get_description()));
  }
}

void rethrow_writing_error(std::string_view where) {
  try {
    throw;
  } catch (const Xapian::DatabaseLockError&) {
    rethrow_opening_error(where);
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("writing index {} failed: {}", where, e.get_description()));
  }
}

}  // namespace rungs::indexer
