// Shards named by a stub file (see shards.h).

#include "shards.h"

#include "rungs/indexer/stub.h"
#include "rungs/indexer/xapian_errors.h"

namespace rungs::search {
std::vector<Shard> open_shards(const std::filesystem::path& stub) {
  std::vector<Shard> out;
  for (const auto& shard : indexer::read_stub(stub)) {
    try {
      out.push_back({shard.where, shard.remote() ? Xapian::Remote::open(shard.host, shard.port)
                                                 : Xapian::Database(shard.path.string())});
    } catch (const Xapian::Error&) {
      indexer::rethrow_opening_error(shard.where);
    }
  }
  return out;
}

}  // namespace rungs::search
