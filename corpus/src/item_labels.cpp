// Bullets that label the bullets below them and bullets that lead a list of
// examples (see item_labels.h).

#include "item_labels.h"

#include <algorithm>
#include <cctype>

#include "parsers.h"

namespace rungs::corpus::detail {

std::optional<Label> label_form(const std::string& text) {
  constexpr std::size_t kLongestLabel = 40;
  constexpr std::size_t kMostLabelWords = 4;
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon > kLongestLabel) return std::nullopt;
  const std::string label = text.substr(0, colon);
  if (label.find_first_of(".!?,;") != std::string::npos) return std::nullopt;
  if (!std::isupper(static_cast<unsigned char>(label[0]))) return std::nullopt;
  if (std::count(label.begin(), label.end(), ' ') + 1 > static_cast<long>(kMostLabelWords)) return std::nullopt;
  return Label{label, collapse_whitespace(text.substr(colon + 1))};
}

std::set<std::size_t> find_labels(const std::vector<Block>& blocks) {
  std::set<std::size_t> labels;
  for (std::size_t start = 0; start < blocks.size();) {
    if (blocks[start].kind != BlockKind::item) {
      ++start;
      continue;
    }
    std::size_t end = start;
    while (end < blocks.size() && blocks[end].kind == BlockKind::item) ++end;
    std::map<int, std::vector<std::size_t>> shaped;  // depth → label-shaped items
    for (std::size_t i = start; i < end; ++i) {
      if (const auto form = label_form(blocks[i].text)) {
        shaped[blocks[i].depth].push_back(i);
        if (form->rest.empty() && i + 1 < end && blocks[i + 1].depth > blocks[i].depth) labels.insert(i);
      }
    }
    for (const auto& [depth, items] : shaped) {
      if (items.size() >= 2) labels.insert(items.begin(), items.end());
    }
    start = end;
  }
  return labels;
}

std::map<std::size_t, std::string> join_examples(const std::vector<Block>& blocks, const std::set<std::size_t>& labels,
                                                 std::set<std::size_t>& absorbed) {
  std::map<std::size_t, std::string> joined;
  for (std::size_t i = 0; i + 1 < blocks.size(); ++i) {
    const Block& lead = blocks[i];
    if (lead.kind != BlockKind::item || labels.contains(i) || !lead.text.ends_with(':')) continue;
    std::string text = lead.text;
    std::size_t j = i + 1;
    for (; j < blocks.size() && blocks[j].kind == BlockKind::item && blocks[j].depth > lead.depth; ++j) {
      text += (j == i + 1 ? " " : "; ") + blocks[j].text;
      absorbed.insert(j);
    }
    if (j > i + 1) joined[i] = std::move(text);
    i = j - 1;
  }
  return joined;
}

}  // namespace rungs::corpus::detail
