// Writing through a stub file: each ladder to the one local shard that holds
// it, or to the emptiest one (see add_ladders_to_shards in indexer.h).

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <map>

#include "rungs/corpus/error.h"
#include "rungs/indexer/indexer.h"
#include "rungs/indexer/schema.h"
#include "rungs/indexer/stub.h"
#include "rungs/indexer/xapian_errors.h"

namespace rungs::indexer {
namespace {

namespace fs = std::filesystem;

// What one shard holds of the ladders a run names.
struct ShardState {
  StubShard shard;
  std::vector<std::string> holds;  // of the ids asked about
  std::size_t documents = 0;       // now, plus what this run plans to add
};

ShardState survey(const StubShard& shard, const std::vector<std::string>& ids) {
  ShardState state{shard, {}, 0};
  std::error_code ec;
  if (!shard.remote() && !fs::exists(shard.path, ec)) return state;  // listed, not created yet: empty
  try {
    const Xapian::Database db =
        shard.remote() ? Xapian::Remote::open(shard.host, shard.port) : Xapian::Database(shard.path.string());
    for (const auto& id : ids) {
      if (!db.get_metadata(std::string(schema::kMetaLadderPrefix) + id).empty()) state.holds.push_back(id);
    }
    state.documents = db.get_doccount();
  } catch (const Xapian::Error&) {
    rethrow_opening_error(shard.where);
  }
  return state;
}

// The shard that holds `id`, checked to be one and local; nullptr for none.
ShardState* holder(std::vector<ShardState>& shards, const std::string& id) {
  std::vector<ShardState*> found;
  for (auto& s : shards) {
    if (std::find(s.holds.begin(), s.holds.end(), id) != s.holds.end()) found.push_back(&s);
  }
  if (found.size() > 1) {
    throw QueryError(
        fmt::format("ladder '{}' is in two shards ({}; {}): a ladder lives in one shard; remove it from one with "
                    "`rungs index --remove {} --db SHARD`; nothing was written",
                    id, found[0]->shard.where, found[1]->shard.where, id));
  }
  if (!found.empty() && found[0]->shard.remote()) {
    throw QueryError(
        fmt::format("ladder '{}' lives in the remote shard of {}; write it on the machine that serves that shard "
                    "(`rungs index … --db DIRECTORY` there); nothing was written",
                    id, found[0]->shard.where));
  }
  return found.empty() ? nullptr : found[0];
}

}  // namespace

std::vector<ShardWrite> add_ladders_to_shards(const fs::path& stub, std::span<const corpus::Ladder> ladders,
                                              const IndexOptions& options) {
  std::vector<std::string> ids(options.remove.begin(), options.remove.end());
  for (const auto& ladder : ladders) ids.push_back(ladder.id);
  std::vector<ShardState> shards;
  for (const auto& shard : read_stub(stub)) shards.push_back(survey(shard, ids));
  if (std::all_of(shards.begin(), shards.end(), [](const ShardState& s) { return s.shard.remote(); })) {
    throw IndexError(
        fmt::format("the stub file {} lists only remote shards; rungs writes to local ones (`auto PATH`): index on the "
                    "machine that serves a shard, into its directory",
                    stub.string()));
  }

  // Plan every write before the first one, so that a refusal writes nothing.
  std::map<const ShardState*, ShardWrite> plan;
  std::map<const ShardState*, std::vector<corpus::Ladder>> to_write;
  for (const auto& id : options.remove) {
    const ShardState* in = holder(shards, id);
    if (in == nullptr && std::none_of(ladders.begin(), ladders.end(), [&](const auto& l) { return l.id == id; })) {
      throw QueryError(
          fmt::format("no ladder '{}' to remove in any shard of {}; nothing was written", id, stub.string()));
    }
    if (in != nullptr) plan[in].removed.push_back(id);
  }
  for (const auto& ladder : ladders) {
    ShardState* in = holder(shards, ladder.id);
    if (in == nullptr) {  // a new ladder: the local shard with the fewest documents, this run's included
      for (auto& s : shards) {
        if (!s.shard.remote() && (in == nullptr || s.documents < in->documents)) in = &s;
      }
    }
    in->documents += corpus::statement_count(ladder);
    plan[in].added.push_back(ladder.id);
    to_write[in].push_back(ladder);
  }

  std::vector<ShardWrite> written;
  for (const auto& s : shards) {  // in the stub's order
    const auto it = plan.find(&s);
    if (it == plan.end()) continue;
    ShardWrite write = std::move(it->second);
    write.where = s.shard.where;
    write.shard = s.shard.path;
    IndexOptions shard_options = options;
    shard_options.remove = write.removed;
    write.stats = add_ladders(s.shard.path, to_write[&s], shard_options);
    written.push_back(std::move(write));
  }
  return written;
}

}  // namespace rungs::indexer
