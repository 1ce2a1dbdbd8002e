// `Model`: the public face of the mapping model; the work is in
// statement_space, terms, phrase_ranking, ladder_mapping and model_file.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "model_internals.h"
#include "rungs/corpus/error.h"
#include "rungs/corpus/text.h"

namespace rungs::mapping {

Model::Model(std::vector<corpus::Ladder> ladders, ModelOptions options, const BuildProgress& progress)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->ladders = std::move(ladders);
  impl_->build(progress);
}

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

const std::vector<corpus::Ladder>& Model::ladders() const { return impl_->ladders; }

const ModelOptions& Model::options() const { return impl_->options; }

const corpus::Ladder& Model::ladder(const std::string& id) const { return impl_->ladders[impl_->ladder_index(id)]; }

PhraseMatch Model::match_phrase(const std::string& phrase, const std::vector<std::string>& ladder_ids,
                                std::size_t evidence_per_level) const {
  if (impl_->analyzer.stems(phrase).empty()) throw QueryError("the phrase has no words to match: '" + phrase + "'");
  PhraseMatch result;
  result.query = phrase;
  const auto chosen = impl_->ladder_indices(ladder_ids);
  for (auto l : chosen) result.ladders.push_back(impl_->rank_levels(l, phrase, evidence_per_level, std::nullopt));
  return result;
}

std::vector<TitlePlacement> Model::place_title(const std::string& title,
                                               const std::vector<std::string>& ladder_ids) const {
  const auto chosen = impl_->ladder_indices(ladder_ids);
  const auto reading = corpus::read_title(title);
  std::vector<TitlePlacement> placements;
  for (auto l : chosen)
    placements.push_back(place_title_on(impl_->ladders[l], *impl_->ladder_titles(l), title, reading));
  return placements;
}

LadderMatch Model::match_phrase_without(const std::string& phrase, const std::string& ladder_id,
                                        std::size_t hidden_level, std::size_t hidden_statement) const {
  return impl_->rank_levels(impl_->ladder_index(ladder_id), phrase, 0, std::make_pair(hidden_level, hidden_statement));
}

}  // namespace rungs::mapping
