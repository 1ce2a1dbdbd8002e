// The index layout's terms (see schema.h): filter terms and id terms,
// bounded to Xapian's term limit.

#include "rungs/indexer/schema.h"

#include <cstdint>

#include "rungs/corpus/text.h"

namespace rungs::indexer::schema {
namespace {

// Glass refuses terms longer than this many bytes.
constexpr std::size_t kMaxTermBytes = 245;

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[hash & 0xf];
    hash >>= 4;
  }
  return out;
}

// `prefix + value`, or when that is over the term limit, a prefix of `value`
// cut at a UTF-8 boundary followed by "#" and a hash of the whole value.
std::string bounded_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) return term.append(value);
  std::size_t keep = kMaxTermBytes - prefix.size() - 17 - 8;
  while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
  term.append(value.substr(0, keep));
  term.push_back('#');
  term.append(fnv1a_hex(value));
  return term;
}

}  // namespace

std::string filter_term(std::string_view prefix, std::string_view value) {
  return bounded_term(prefix, corpus::fold_case(value));
}

std::string id_term(std::string_view ladder, std::string_view level, std::size_t n) {
  std::string id(ladder);
  id.append("/").append(level).append("/").append(std::to_string(n));
  return bounded_term(kPrefixId, id);
}

}  // namespace rungs::indexer::schema
