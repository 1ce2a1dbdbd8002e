#pragma once
// What `rungs index` read, per ladder: its files, its levels in order with
// statement counts, and what was set aside, left out or looks wrong.

#include "rungs/corpus/load.h"

namespace rungs::cli {

/// Prints the report for people (stdout).
void print_import_report(const corpus::LoadResult& result);

}  // namespace rungs::cli
