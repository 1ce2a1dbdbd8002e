#pragma once
// Xapian's errors in rungs' words, in one place: what a user is told when an
// index cannot be opened, read or written, and what to run then. Each
// function is called from inside a `catch` of a `Xapian::Error` and rethrows
// it as the rungs error (Xapian 1.4's errors are not polymorphic, so they are
// told apart by catching them again). Only for the modules that talk to
// Xapian (indexer, search).

#include <string_view>

namespace rungs::indexer {

/// Opening the index (or shard) `where` failed: `IndexBusyError` when another
/// writer holds it, else `IndexError` saying what to run.
[[noreturn]] void rethrow_opening_error(std::string_view where);

/// Reading index `where` to `doing` ("search for 'x'") failed: `IndexError`
/// for a damaged, changing or unreachable index, `QueryError` for what the
/// request asked.
[[noreturn]] void rethrow_reading_error(std::string_view where, std::string_view doing);

/// Writing index `where` failed: `IndexError`.
[[noreturn]] void rethrow_writing_error(std::string_view where);

}  // namespace rungs::indexer
