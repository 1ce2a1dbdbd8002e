// The facet column file (see facet_column.h): its layout, written here and
// read here.
//
//   Header (below)
//   per facet, in kFacetFields order: u32 value count, then each value as
//     u32 byte length and the bytes
//   zero padding to a multiple of 4
//   rows × kFacets u32 ordinals, row = document id (row 0 unused)

#include "rungs/indexer/facet_column.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <unordered_map>

#include "facet_column_writer.h"
#include "fail_point.h"
#include "rungs/corpus/error.h"
#include "rungs/indexer/schema.h"

namespace rungs::indexer {
namespace {

namespace fs = std::filesystem;

constexpr std::array<char, 8> kMagic = {'r', 'u', 'n', 'g', 's', 'F', 'C', '1'};
constexpr std::uint32_t kByteOrder = 0x01020304;  // read back otherwise on a machine of the other order

struct Header {
  std::array<char, 8> magic;
  std::uint32_t byte_order;
  std::uint32_t facets;
  std::uint64_t revision;
  std::array<char, 40> uuid;  // NUL-padded
  std::uint64_t rows;
  std::uint64_t dictionary_bytes;
};
static_assert(sizeof(Header) == 80);

std::array<char, 40> uuid_field(std::string_view uuid) {
  std::array<char, 40> out{};
  std::memcpy(out.data(), uuid.data(), std::min(uuid.size(), out.size()));
  return out;
}

constexpr std::uint64_t padded(std::uint64_t n) { return (n + 3) & ~std::uint64_t{3}; }

void append_u32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

// The failure of a system call on `path`, in errno's words.
IndexError write_error(const fs::path& path) {
  return IndexError(
      fmt::format("the index was written, but not its facet column {} ({}); searches stay exact "
                  "but slower until the next `rungs index`",
                  path.string(), std::strerror(errno)));
}

// Writes all of `bytes` to `fd`.
void write_all(int fd, const char* bytes, std::size_t size, const fs::path& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw write_error(path);
    if (n == 0) {
      errno = EIO;
      throw write_error(path);
    }
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
}

}  // namespace

void write_facet_column(const Xapian::Database& db, const fs::path& dir) {
  const std::uint64_t rows = std::uint64_t{db.get_lastdocid()} + 1;
  std::vector<std::uint32_t> cells(rows * FacetColumn::kFacets, FacetColumn::kNone);
  std::array<std::unordered_map<std::string, std::uint32_t>, FacetColumn::kFacets> ordinals;
  std::array<std::vector<const std::string*>, FacetColumn::kFacets> values;
  for (auto it = db.valuestream_begin(schema::kSlotFacets); it != db.valuestream_end(schema::kSlotFacets); ++it) {
    const FacetValues facets = unpack_facets(*it);
    std::uint32_t* row = &cells[std::uint64_t{it.get_docid()} * FacetColumn::kFacets];
    for (std::size_t f = 0; f < FacetColumn::kFacets; ++f) {
      const std::string& value = facets.*kFacetFields[f].value;
      if (value.empty()) continue;
      const auto [entry, added] = ordinals[f].try_emplace(value, static_cast<std::uint32_t>(values[f].size()));
      if (added) values[f].push_back(&entry->first);  // unordered_map nodes do not move
      row[f] = entry->second;
    }
  }

  std::string dictionary;
  for (const auto& facet : values) {
    append_u32(dictionary, static_cast<std::uint32_t>(facet.size()));
    for (const std::string* value : facet) {
      append_u32(dictionary, static_cast<std::uint32_t>(value->size()));
      dictionary += *value;
    }
  }
  dictionary.resize(padded(dictionary.size()), '\0');
  const Header header{.magic = kMagic,
                      .byte_order = kByteOrder,
                      .facets = FacetColumn::kFacets,
                      .revision = db.get_revision(),
                      .uuid = uuid_field(db.get_uuid()),
                      .rows = rows,
                      .dictionary_bytes = dictionary.size()};

  const fs::path path = dir / schema::kFacetColumnFile;
  fs::path tmp = path;
  tmp += ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw write_error(tmp);
  try {
    write_all(fd, reinterpret_cast<const char*>(&header), sizeof header, tmp);
    write_all(fd, dictionary.data(), dictionary.size(), tmp);
    write_all(fd, reinterpret_cast<const char*>(cells.data()), cells.size() * sizeof(std::uint32_t), tmp);
    if (::fsync(fd) != 0) throw write_error(tmp);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  fail_point("facet-column-written");
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const IndexError error = write_error(path);
    ::unlink(tmp.c_str());
    throw error;
  }
}

std::optional<FacetColumn> FacetColumn::open(const fs::path& dir, std::string_view uuid, std::uint64_t revision) {
  const fs::path path = dir / schema::kFacetColumnFile;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) < sizeof(Header)) {
    ::close(fd);
    return std::nullopt;
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  void* base = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);  // the mapping keeps the file
  if (base == MAP_FAILED) return std::nullopt;

  FacetColumn column;
  column.mapping_ = std::shared_ptr<const void>(base, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
  const auto* bytes = static_cast<const char*>(base);
  Header header{};
  std::memcpy(&header, bytes, sizeof header);
  if (header.magic != kMagic || header.byte_order != kByteOrder || header.facets != kFacets ||
      header.revision != revision || header.uuid != uuid_field(uuid) || header.dictionary_bytes % 4 != 0 ||
      header.rows > (size / sizeof(std::uint32_t)) / kFacets ||
      size != sizeof header + header.dictionary_bytes + header.rows * kFacets * sizeof(std::uint32_t)) {
    return std::nullopt;
  }

  // The dictionary, as views into the mapping.
  const char* at = bytes + sizeof header;
  const char* const end = at + header.dictionary_bytes;
  const auto read_u32 = [&](std::uint32_t& v) {
    if (end - at < 4) return false;
    std::memcpy(&v, at, sizeof v);
    at += sizeof v;
    return true;
  };
  column.values_.resize(kFacets);
  for (auto& facet : column.values_) {
    std::uint32_t count = 0;
    if (!read_u32(count) || count > header.dictionary_bytes / 4) return std::nullopt;
    facet.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      std::uint32_t length = 0;
      if (!read_u32(length) || length > static_cast<std::uint64_t>(end - at)) return std::nullopt;
      facet.emplace_back(at, length);
      at += length;
    }
  }
  column.rows_ = header.rows;
  column.cells_ = reinterpret_cast<const std::uint32_t*>(end);
  return column;
}

}  // namespace rungs::indexer
