// One ladder onto another: level similarities, places on the industry scale,
// gains split into terms, pins, the order-keeping alignment and its explanation.

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

auto Model::Impl::absolute_positions(std::size_t l) const -> std::vector<Placement> {
  const auto titles = ladder_titles(l);
  std::vector<Placement> out(spaces[l].position.size());
  for (std::size_t v = 0; v < out.size(); ++v) {
    out[v].position = spaces[l].position[v];
    if (titles->source[v] == SenioritySource::statements || std::isnan(titles->seniority[v])) continue;
    const bool management = ladders[l].levels[v].track == "management";
    const double low = management ? 4.0 : corpus::seniority::kJunior;
    const double high = management ? 8.0 : corpus::seniority::kPrincipal;
    out[v] = {(titles->seniority[v] - low) / (high - low), true};
  }
  return out;
}

auto Model::Impl::ladder_titles(std::size_t l) const -> std::shared_ptr<const LadderTitles> {
  {
    std::lock_guard lock(cache_mutex);
    if (auto it = titles_cache.find(l); it != titles_cache.end()) return it->second;
  }
  std::vector<double> statement_seniority(ladders[l].levels.size());
  for (std::size_t v = 0; v < statement_seniority.size(); ++v) statement_seniority[v] = level_seniority(l, v);
  auto titles = std::make_shared<const LadderTitles>(read_ladder_titles(ladders[l], statement_seniority));
  std::lock_guard lock(cache_mutex);
  return titles_cache.emplace(l, std::move(titles)).first->second;
}

const char* to_string(Decider decider) {
  switch (decider) {
    case Decider::content:
      return "content";
    case Decider::position:
      return "position";
    case Decider::seniority:
      return "seniority";
    case Decider::pin:
      return "pin";
    case Decider::none:
      return "none";
  }
  return "none";
}

namespace {

// The index in `ids` of the level of `ladder` that `name` names (id, title or
// code, case aside), or throws naming the ladder's levels.
std::size_t level_index(const Ladder& ladder, const std::vector<std::size_t>& ids, const std::string& name) {
  const std::string key = corpus::fold_case(name);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const Level& level = ladder.levels[ids[k]];
    if (level.id == name || corpus::fold_case(level.title) == key ||
        (!level.code.empty() && corpus::fold_case(level.code) == key)) {
      return k;
    }
  }
  std::string known;
  for (auto v : ids) known += (known.empty() ? "" : ", ") + ladder.levels[v].id;
  throw NotFoundError("'" + name + "' is no level of " + ladder.id + " that can be mapped (levels: " + known + ")");
}

// The statement pairs that carry the likeness of level `va` of `sa` and
// level `vb` of `sb`, best first, each statement once, at most `limit`.
template <typename Similarity>
std::vector<EvidencePair> best_pairs(const LadderSpace& sa, std::size_t va, const LadderSpace& sb, std::size_t vb,
                                     const Similarity& similarity, std::size_t limit) {
  std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
  for (auto i : sa.level_items[va]) {
    for (auto j : sb.level_items[vb]) {
      // Pairs sharing no word can never be evidence: leaving them out keeps the sort short.
      if (const double score = similarity(i, j) * sa.items[i].weight * sb.items[j].weight; score > 0)
        pairs.emplace_back(score, i, j);
    }
  }
  std::sort(pairs.begin(), pairs.end(), std::greater<>());
  std::vector<EvidencePair> out;
  std::set<std::size_t> used_a, used_b;
  for (const auto& [score, i, j] : pairs) {
    if (out.size() == limit || score <= 0) break;
    if (used_a.contains(i) || used_b.contains(j) || sa.items[i].heading || sb.items[j].heading) continue;
    used_a.insert(i);
    used_b.insert(j);
    out.push_back({sa.items[i].text, sb.items[j].text, similarity(i, j)});
  }
  return out;
}

// The levels of `ladder` with statements to compare, by index.
std::vector<std::size_t> described_levels(const LadderSpace& space) {
  std::vector<std::size_t> out;
  for (std::size_t v = 0; v < space.level_items.size(); ++v) {
    if (!space.level_items[v].empty()) out.push_back(v);
  }
  return out;
}

}  // namespace

CellEvidence Model::cell_evidence(const std::string& from_id, const std::string& to_id, const std::string& from_level,
                                  const std::string& to_level, std::size_t limit) const {
  const Impl& m = *impl_;
  const std::size_t from = m.ladder_index(from_id);
  const std::size_t to = m.ladder_index(to_id);
  const LadderSpace& sa = m.spaces[from];
  const LadderSpace& sb = m.spaces[to];
  const auto rows = described_levels(sa);
  const auto cols = described_levels(sb);
  const std::size_t va = rows[level_index(m.ladders[from], rows, from_level)];
  const std::size_t vb = cols[level_index(m.ladders[to], cols, to_level)];
  const std::vector<double> sims = m.item_similarities(from, to);
  const auto similarity = [&](std::size_t i, std::size_t j) { return sims[i * sb.items.size() + j]; };
  const auto& ia = sa.level_items[va];
  const auto& ib = sb.level_items[vb];
  CellEvidence cell;
  cell.from = m.ladders[from].id;
  cell.to = m.ladders[to].id;
  const Level& a = m.ladders[from].levels[va];
  const Level& b = m.ladders[to].levels[vb];
  cell.from_level = {a.id, a.title, a.code};
  cell.to_level = {b.id, b.title, b.code};
  cell.similarity =
      m.level_similarity(from, va, to, vb, [&](std::size_t n, std::size_t k) { return similarity(ia[n], ib[k]); });
  cell.pairs = best_pairs(sa, va, sb, vb, similarity, limit);
  return cell;
}

MappingTable Model::map_ladders(const std::string& from_id, const std::string& to_id,
                                const std::vector<Pin>& pins) const {
  const Impl& m = *impl_;
  const std::size_t from = m.ladder_index(from_id);
  const std::size_t to = m.ladder_index(to_id);
  const Ladder& a = m.ladders[from];
  const Ladder& b = m.ladders[to];
  const LadderSpace& sa = m.spaces[from];
  const LadderSpace& sb = m.spaces[to];

  MappingTable table;
  table.from = a.id;
  table.to = b.id;
  std::vector<std::size_t> rows, cols;
  for (std::size_t v = 0; v < a.levels.size(); ++v) {
    if (!a.levels[v].missing) rows.push_back(v);
  }
  for (std::size_t v = 0; v < b.levels.size(); ++v) {
    if (!sb.level_items[v].empty()) cols.push_back(v);
  }
  auto ref = [](const Level& level) { return LevelRef{level.id, level.title, level.code}; };
  for (auto v : rows) table.from_levels.push_back(ref(a.levels[v]));
  for (auto v : cols) table.to_levels.push_back(ref(b.levels[v]));

  const std::vector<double> sims = m.item_similarities(from, to);
  const auto similarity = [&](std::size_t i, std::size_t j) { return sims[i * sb.items.size() + j]; };
  table.matrix.assign(rows.size(), std::vector<double>(cols.size(), 0));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& ia = sa.level_items[rows[r]];
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const auto& ib = sb.level_items[cols[c]];
      table.matrix[r][c] = m.level_similarity(from, rows[r], to, cols[c],
                                              [&](std::size_t n, std::size_t k) { return similarity(ia[n], ib[k]); });
    }
  }
  const std::vector<double> column_bias = m.column_bias(to);
  // Where each level sits: on the industry scale where its titles or codes
  // say (so that a ladder starting at its second step, or of two levels,
  // lands where it belongs), else by its relative position in its ladder.
  const auto positions_a = m.absolute_positions(from);
  const auto positions_b = m.absolute_positions(to);

  // Gains: content similarity above the row's mean (which TO level is
  // relatively closest), minus the disagreement of relative positions and of
  // the seniority the words read; levels of another track, or without
  // statements, cannot be matched.
  constexpr double kForbidden = -std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> gains(rows.size(), std::vector<double>(cols.size(), kForbidden));
  std::vector<std::vector<GainTerms>> terms(rows.size(), std::vector<GainTerms>(cols.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Level& level = a.levels[rows[r]];
    if (sa.level_items[rows[r]].empty()) continue;
    std::vector<std::size_t> allowed;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (b.levels[cols[c]].track == level.track) allowed.push_back(c);
    }
    if (allowed.empty()) continue;
    double mean = 0;
    std::vector<double> contrast(cols.size(), 0);
    for (auto c : allowed) contrast[c] = table.matrix[r][c] - column_bias[cols[c]];
    for (auto c : allowed) mean += contrast[c];
    mean /= static_cast<double>(allowed.size());
    for (auto c : allowed) {
      GainTerms& t = terms[r][c];
      t.content = kContentScale * (contrast[c] - mean);
      const double from_position = positions_a[rows[r]].position, to_position = positions_b[cols[c]].position;
      const bool positioned = m.options.use_position && !std::isnan(from_position) && !std::isnan(to_position);
      const bool absolute = positions_a[rows[r]].absolute && positions_b[cols[c]].absolute;
      if (positioned) {
        t.position = -(absolute ? kAbsoluteWeight : kPositionWeight) * (from_position - to_position) *
                     (from_position - to_position);
      }
      if (m.options.use_seniority) {
        // Without positions to compare, the words stand in for them.
        const double gap = sa.seniority[rows[r]] - sb.seniority[cols[c]];
        const double weight = !positioned ? kSeniorityWeight + kPositionWeight
                              : absolute  ? kWordsBesideTitles * kSeniorityWeight
                                          : kSeniorityWeight;
        t.seniority = -weight * gap * gap;
      }
      t.total = t.content + t.position + t.seniority;
      gains[r][c] = t.total;
    }
  }
  // What decided each row: its gain split into terms, the runner-up among
  // the levels the order leaves open, and, where the statements alone
  // favour another level, which term moved the row off it.
  const auto explain = [&](Equivalence& eq, std::size_t r, std::size_t c, int low, int high) {
    eq.gain = terms[r][c];
    std::optional<std::size_t> runner, by_content;
    for (int k = low; k <= high; ++k) {
      const auto j = static_cast<std::size_t>(k);
      if (gains[r][j] == kForbidden) continue;
      if (j != c && (!runner || gains[r][j] > gains[r][*runner])) runner = j;
      if (!by_content || terms[r][j].content > terms[r][*by_content].content) by_content = j;
    }
    if (runner) {
      eq.runner_up = ref(b.levels[cols[*runner]]);
      eq.runner_up_gain = terms[r][*runner];
    }
    if (eq.pinned) {
      eq.decided_by = Decider::pin;
    } else if (!by_content || *by_content == c) {
      eq.decided_by = Decider::content;
    } else {
      eq.content_choice = ref(b.levels[cols[*by_content]]);
      const GainTerms& other = terms[r][*by_content];
      const double position = eq.gain.position - other.position, seniority = eq.gain.seniority - other.seniority;
      eq.decided_by = position >= seniority ? Decider::position : Decider::seniority;
    }
  };
  // Pins: a pinned row keeps its pinned column (or none) whatever the
  // gains; the alignment then runs around it, which keeps the order.
  std::vector<int> pinned_to(rows.size(), -2);  // -2: not pinned, -1: pinned to no equivalent
  for (const auto& pin : pins) {
    const std::size_t r = level_index(a, rows, pin.from);
    if (pinned_to[r] != -2) throw QueryError("pin: " + a.levels[rows[r]].id + " is pinned twice");
    pinned_to[r] = pin.to.empty() ? -1 : static_cast<int>(level_index(b, cols, pin.to));
  }
  int last_pinned = -1;
  std::size_t last_row = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (pinned_to[r] < 0) continue;
    if (pinned_to[r] < last_pinned) {
      throw QueryError(fmt::format("pins cross: {} → {} comes after {} → {} in {} but before it in {}",
                                   a.levels[rows[r]].id, b.levels[cols[static_cast<std::size_t>(pinned_to[r])]].id,
                                   a.levels[rows[last_row]].id,
                                   b.levels[cols[static_cast<std::size_t>(last_pinned)]].id, a.id, b.id));
    }
    last_pinned = pinned_to[r];
    last_row = r;
  }
  std::vector<std::vector<double>> aligned_gains = gains;
  constexpr double kPinnedGain = 1e6;  // outweighs any sum of proposals' gains
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (pinned_to[r] == -2) continue;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      aligned_gains[r][c] = static_cast<int>(c) == pinned_to[r] ? kPinnedGain : kForbidden;
    }
  }
  std::vector<int> aligned = align_monotone(aligned_gains, kSkipGain);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (pinned_to[r] == -1) aligned[r] = -1;
  }

  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Level& level = a.levels[rows[r]];
    Equivalence eq;
    eq.from = ref(level);
    eq.pinned = pinned_to[r] != -2;
    const int c = aligned[r];
    if (c < 0) {
      if (eq.pinned) {
        eq.note = "pinned: no equivalent in " + b.id;
      } else if (sa.level_items[rows[r]].empty()) {
        eq.note = "no statements to compare";
      } else if (std::all_of(gains[r].begin(), gains[r].end(), [](double g) { return g == kForbidden; })) {
        eq.note = fmt::format("{} has no level on the {} track", b.id, level.track);
      } else {
        eq.note = "no level of " + b.id + " is close enough";
      }
      table.equivalences.push_back(std::move(eq));
      continue;
    }
    eq.to.push_back(ref(b.levels[cols[static_cast<std::size_t>(c)]]));
    // Confidence: softmax share of the chosen level among the levels the
    // order of the neighbouring rows leaves open.
    int low = 0, high = static_cast<int>(cols.size()) - 1;
    for (std::size_t p = r; p-- > 0;) {
      if (aligned[p] >= 0) {
        low = aligned[p];
        break;
      }
    }
    for (std::size_t n = r + 1; n < rows.size(); ++n) {
      if (aligned[n] >= 0) {
        high = aligned[n];
        break;
      }
    }
    std::vector<double> open;
    std::size_t chosen = 0;
    for (int k = low; k <= high; ++k) {
      if (gains[r][static_cast<std::size_t>(k)] == kForbidden) continue;
      if (k == c) chosen = open.size();
      open.push_back(gains[r][static_cast<std::size_t>(k)]);
    }
    eq.confidence = eq.pinned ? 1.0 : softmax_share(open, chosen, kMapTemperature);
    if (eq.pinned) eq.note = "pinned";
    explain(eq, r, static_cast<std::size_t>(c), low, high);
    eq.evidence = best_pairs(sa, rows[r], sb, cols[static_cast<std::size_t>(c)], similarity, 3);
    table.equivalences.push_back(std::move(eq));
  }
  table.confidence_method = fmt::format(
      "softmax (temperature {}) of the alignment gain of the chosen level against the other levels the order "
      "allows; gain = {} x (similarity - the TO level's mean similarity to other ladders, centred on the row) "
      "- {} x (difference of relative position)^2 - {} x (difference of seniority read from the words)^2",
      kMapTemperature, kContentScale, kPositionWeight, kSeniorityWeight);
  return table;
}

}  // namespace rungs::mapping
