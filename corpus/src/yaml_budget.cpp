#include "yaml_budget.h"

#include "rungs/corpus/error.h"
#include "rungs/corpus/load.h"

namespace rungs::corpus::detail {
namespace {

struct Budget {
  std::uintmax_t bytes = 0;
  std::size_t nodes = 0;
};

// Counts `node` and what it holds, as many times as aliases repeat them;
// false as soon as the budget is spent. Depth is bounded by the parser.
bool within(const YAML::Node& node, Budget& used) {
  if (++used.nodes > kMaxYamlNodes) return false;
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      used.bytes += node.Scalar().size();
      return used.bytes <= kMaxExpandedYamlBytes;
    case YAML::NodeType::Sequence:
      for (const auto& item : node) {
        if (!within(item, used)) return false;
      }
      return true;
    case YAML::NodeType::Map:
      for (const auto& entry : node) {
        if (!within(entry.first, used) || !within(entry.second, used)) return false;
      }
      return true;
    default:
      return true;
  }
}

}  // namespace

YAML::Node load_yaml(const std::string& text, const std::filesystem::path& origin) {
  YAML::Node root = YAML::Load(text);
  Budget used;
  if (!within(root, used)) {
    throw ParseError(
        origin, 0,
        used.nodes > kMaxYamlNodes
            ? "its aliases expand to over " + std::to_string(kMaxYamlNodes) +
                  " YAML nodes; rungs reads up to that many per input (is this a ladder?)"
            : "its aliases expand to over " + std::to_string(kMaxExpandedYamlBytes >> 20) +
                  " MB of text; rungs reads up to that much per input, aliases expanded (is this a ladder?)");
  }
  return root;
}

}  // namespace rungs::corpus::detail
