#pragma once
// How a command that did its work but not all of it ends: it prints why on
// stderr, then throws `PartialSuccess`, which `main` turns into exit status
// 3 after every destructor ran (an `std::exit` from a callback skipped them).

namespace rungs::cli {

/// Exit status of a run that wrote its result but left something out
/// (`rungs index` skipping directory entries, `rungs assign` skipping rows).
constexpr int kExitPartial = 3;

/// Thrown by a command after its output is complete, to end with `kExitPartial`.
struct PartialSuccess {};

}  // namespace rungs::cli
