#pragma once
// Bullets that are not statements on their own: labels ("Impact:") that name
// the area of the bullets below them, and lead bullets ("such as:") whose
// examples below them join into one statement. Used by the outliner.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "blocks.h"

namespace rungs::corpus::detail {

// "Impact:" or "Scope: Acquires foundational knowledge": a short label,
// a colon, and the text it labels (maybe none).
struct Label {
  std::string label;
  std::string rest;
};
[[nodiscard]] std::optional<Label> label_form(const std::string& text);

// Items that are labels: in a run of consecutive items, the items of one
// depth that are label-shaped when two or more of them are, or one that is
// label-shaped, has no text after the colon and has items below it.
[[nodiscard]] std::set<std::size_t> find_labels(const std::vector<Block>& blocks);

// A bullet that ends in a colon, with bullets below it, is one statement
// with its examples ("Takes part in activities such as: meetups; interviews").
// Returns the joined text of each such lead bullet, by index; the bullets
// below it go into `absorbed`.
[[nodiscard]] std::map<std::size_t, std::string> join_examples(const std::vector<Block>& blocks,
                                                               const std::set<std::size_t>& labels,
                                                               std::set<std::size_t>& absorbed);

}  // namespace rungs::corpus::detail
