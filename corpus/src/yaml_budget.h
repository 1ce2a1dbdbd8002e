#pragma once
// Private to the corpus module: every YAML input (structured ladders, front
// matter, manifests) is parsed here, within the budget of `load.h`.

#include <filesystem>
#include <string>

#include <yaml-cpp/yaml.h>

namespace rungs::corpus::detail {

/// `YAML::Load(text)`, refused with a `ParseError` naming the limit when its
/// aliases expand past `kMaxExpandedYamlBytes` of text or `kMaxYamlNodes`
/// nodes. The check walks the expanded tree and stops at the limit, so it
/// costs at most the budget. YAML syntax errors propagate as `YAML::Exception`.
[[nodiscard]] YAML::Node load_yaml(const std::string& text, const std::filesystem::path& origin);

}  // namespace rungs::corpus::detail
