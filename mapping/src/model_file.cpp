// The model cache file: what `Model::Impl::build` computed, written and read
// back with a header, a checksum and the key of the index it was built from.

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

template <typename Io, Is<ModelOptions> O>
void fields(Io& io, O& options) {
  io.field(options.use_synonyms);
  io.field(options.bridge.curated);
  io.field(options.bridge.wordnet_senses);
  io.field(options.bridge.wordnet_links);
  io.field(options.bridge.wordnet_glosses);
  io.field(options.bridge.ladder_cooccurrence);
  io.field(options.bridge.office_thesaurus);
  io.field(options.use_seniority);
  io.field(options.use_position);
  io.field(options.wordnet_dir);
}

namespace {

// The model file: a fixed header (magic, format version, payload size,
// checksum of the payload), then the payload: the caller's key, the options,
// then what `Model::Impl::build` computed.
constexpr char kFileMagic[8] = {'R', 'U', 'N', 'G', 'S', 'M', 'D', 'L'};
constexpr std::uint32_t kFileVersion = 4;  // bump whenever what the file holds changes
constexpr std::size_t kHeaderSize = sizeof kFileMagic + sizeof(std::uint32_t) + 2 * sizeof(std::uint64_t);

[[noreturn]] void corrupt(const char* what) { throw Error(std::string("the model file is corrupt (") + what + ")"); }

}  // namespace

void Model::Impl::check_loaded() {
  if (spaces.size() != ladders.size()) corrupt("ladder count");
  for (std::size_t l = 0; l < ladders.size(); ++l) {
    const auto& levels = ladders[l].levels;
    LadderSpace& space = spaces[l];
    if (space.level_items.size() != levels.size() || space.position.size() != levels.size() ||
        space.seniority.size() != levels.size()) {
      corrupt("level count");
    }
    for (const auto& level : levels) {
      for (const auto& statement : level.statements) {
        if (statement.kind > StatementKind::boilerplate || statement.kind < StatementKind::competency)
          corrupt("statement kind");
      }
    }
    for (auto& item : space.items) {
      if (item.level >= levels.size() || item.statement >= levels[item.level].statements.size()) corrupt("statement");
      const auto& statement = levels[item.level].statements[item.statement];
      item.text = item.heading ? statement.area : statement.text;
      item.area = statement.area;
    }
    for (const auto& items : space.level_items) {
      for (auto i : items) {
        if (i >= space.items.size()) corrupt("item");
      }
    }
    space.postings = term_postings(space.items);  // derived from the items: rebuilt, not stored
  }
  for (const auto& [l, v] : reference_levels) {
    if (l >= ladders.size() || v >= ladders[l].levels.size()) corrupt("reference level");
  }
}

std::string Model::serialize(const std::string& key) const {
  const Impl& m = *impl_;
  BinaryWriter payload;
  payload.field(key);
  payload.field(m.options);
  Impl::persisted(payload, m);
  {
    // Sorted, so that the same model always gives the same file.
    std::lock_guard lock(m.cache_mutex);
    std::vector<std::pair<std::string, SparseVector>> synonyms(m.synonym_cache.begin(), m.synonym_cache.end());
    std::sort(synonyms.begin(), synonyms.end());
    payload.field(synonyms);
  }
  BinaryWriter file;
  for (char c : kFileMagic) file.field(c);
  file.field(kFileVersion);
  file.field(static_cast<std::uint64_t>(payload.bytes().size()));
  file.field(checksum(payload.bytes()));
  return file.bytes() + payload.bytes();
}

std::optional<Model> Model::deserialize(std::string_view bytes, const std::string& key, const ModelOptions& options) {
  if (bytes.size() < kHeaderSize) throw Error("the model file is truncated");
  if (std::memcmp(bytes.data(), kFileMagic, sizeof kFileMagic) != 0) throw Error("not a rungs model file");
  BinaryReader header(bytes.substr(sizeof kFileMagic, kHeaderSize - sizeof kFileMagic));
  if (header.get<std::uint32_t>() != kFileVersion) return std::nullopt;
  const auto size = header.get<std::uint64_t>();
  const auto sum = header.get<std::uint64_t>();
  const std::string_view payload = bytes.substr(kHeaderSize);
  if (payload.size() < size) throw Error("the model file is truncated");
  if (payload.size() > size) corrupt("trailing bytes");

  BinaryReader in(payload);
  auto impl = std::make_unique<Impl>();
  // Key and options first: a stale file is common and costs no checksum.
  if (in.get<std::string>() != key) return std::nullopt;
  in.field(impl->options);
  if (!(impl->options == options)) return std::nullopt;
  if (checksum(payload) != sum) corrupt("checksum");
  Impl::persisted(in, *impl);
  auto synonyms = in.get<std::vector<std::pair<std::string, SparseVector>>>();
  impl->synonym_cache.insert(std::make_move_iterator(synonyms.begin()), std::make_move_iterator(synonyms.end()));
  if (!in.at_end()) corrupt("trailing bytes");
  impl->check_loaded();
  return Model(std::move(impl));
}

}  // namespace rungs::mapping
