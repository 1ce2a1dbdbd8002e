#pragma once
// Reviewed crosswalks: the decisions people take on a proposed mapping,
// kept in a small YAML (or JSON) file and applied as pins on the next run.
//
//   from: northwind
//   to: contoso
//   pins:
//     - {from: support-engineer-i, to: associate-customer-engineer}
//     - {from: support-manager, to: ""}        # no equivalent
//
// A file may hold one crosswalk (the map above) or a list of them.

#include <filesystem>
#include <string>
#include <vector>

#include "rungs/mapping/mapping.h"

namespace rungs::mapping {

struct Crosswalk {
  std::string from;  ///< ladder id
  std::string to;    ///< ladder id
  std::vector<Pin> pins;

  bool operator==(const Crosswalk&) const = default;
};

/// Reads the crosswalks of `path`. Throws `ParseError` naming the file and
/// line for a file that is not a crosswalk.
[[nodiscard]] std::vector<Crosswalk> read_crosswalks(const std::filesystem::path& path);

/// Every row of `table` as a decision: its level, or "" where it has none.
/// Saving a reviewed table this way and reading it back pins every row.
[[nodiscard]] std::string crosswalk_yaml(const MappingTable& table);

/// The pins that `crosswalks` give for mapping `from` onto `to`; a
/// crosswalk written the other way round gives its pins reversed (except
/// its "no equivalent" rows, which say nothing of the other direction).
[[nodiscard]] std::vector<Pin> pins_for(const std::vector<Crosswalk>& crosswalks, const std::string& from,
                                        const std::string& to);

/// Parses `FROM=TO` (a level id or title on each side; an empty TO means no
/// equivalent). Throws `QueryError` without an '='.
[[nodiscard]] Pin parse_pin(const std::string& text);

}  // namespace rungs::mapping
