#pragma once
// A read-only memory map of a dictionary file (WordNet, the OpenOffice
// thesaurus): only the pages a lookup touches are read, so opening costs
// nothing however large the file.

#include <filesystem>
#include <string>
#include <string_view>

namespace rungs::analysis {

class MappedFile {
 public:
  /// Maps `path`; throws `rungs::Error` naming it and `remedy` (what to
  /// install) when it cannot be read.
  MappedFile(const std::filesystem::path& path, std::string_view remedy);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile& operator=(MappedFile&&) = delete;

  [[nodiscard]] std::string_view view() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace rungs::analysis
