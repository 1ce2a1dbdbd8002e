#include "vector_space.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace rungs::mapping {

double dot(const SparseVector& a, const SparseVector& b) {
  double sum = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      sum += static_cast<double>(i->second) * j->second;
      ++i;
      ++j;
    }
  }
  return sum;
}

std::uint32_t Vocabulary::intern(const std::string& term) {
  auto [it, added] = ids_.try_emplace(term, static_cast<std::uint32_t>(ids_.size()));
  if (added) document_frequency_.push_back(0);
  return it->second;
}

std::int64_t Vocabulary::find(const std::string& term) const {
  auto it = ids_.find(term);
  return it == ids_.end() ? -1 : static_cast<std::int64_t>(it->second);
}

void Vocabulary::count_document(const std::vector<std::uint32_t>& terms) {
  std::vector<std::uint32_t> unique = terms;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (auto t : unique) ++document_frequency_[t];
  ++documents_;
}

double Vocabulary::idf(std::uint32_t term) const {
  if (term >= document_frequency_.size() || document_frequency_[term] == 0) return 0;
  return std::log(1.0 + static_cast<double>(documents_) / document_frequency_[term]);
}

SparseVector Vocabulary::weigh(const std::vector<std::uint32_t>& terms,
                               const std::vector<std::pair<std::uint32_t, double>>& extra) const {
  std::map<std::uint32_t, double> tf;
  for (auto t : terms) tf[t] += 1;
  std::map<std::uint32_t, double> weights;
  for (auto [t, f] : tf) weights[t] = (1 + std::log(f)) * idf(t);
  for (auto [t, w] : extra) {
    if (!weights.contains(t)) weights[t] = w * idf(t);
  }
  double norm = 0;
  for (auto [t, w] : weights) norm += w * w;
  SparseVector out;
  if (norm <= 0) return out;
  norm = std::sqrt(norm);
  for (auto [t, w] : weights) {
    if (w > 0) out.emplace_back(t, static_cast<float>(w / norm));
  }
  return out;
}

void Vocabulary::write(BinaryWriter& out) const {
  std::vector<std::string> terms(ids_.size());
  for (const auto& [term, id] : ids_) terms[id] = term;
  out.field(terms);
  out.field(document_frequency_);
  out.field(documents_);
}

void Vocabulary::read(BinaryReader& in) {
  auto terms = in.get<std::vector<std::string>>();
  ids_.clear();
  ids_.reserve(terms.size());
  for (std::uint32_t id = 0; id < terms.size(); ++id) {
    if (!ids_.emplace(std::move(terms[id]), id).second) throw Error("the model file is corrupt (a term twice)");
  }
  in.field(document_frequency_);
  in.field(documents_);
  if (document_frequency_.size() != ids_.size()) throw Error("the model file is corrupt (frequencies)");
}

}  // namespace rungs::mapping
