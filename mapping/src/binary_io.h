#pragma once
// Writing and reading the model file: fixed-width numbers in the machine's
// own byte order (the file is a cache for this machine, never exchanged),
// strings and sequences prefixed with their length. `BinaryReader` checks
// every read against the end of the buffer, so a damaged file is an
// exception, never an out-of-bounds read or a huge allocation.

#include <concepts>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "rungs/corpus/error.h"
#include "rungs/corpus/ladder_fields.h"

namespace rungs::mapping {

/// FNV-1a over 64-bit words, then the last bytes: enough to tell a damaged
/// file from a whole one (any flipped bit changes it), eight bytes a step.
[[nodiscard]] inline std::uint64_t checksum(std::string_view bytes) {
  constexpr std::uint64_t kPrime = 1099511628211u;
  std::uint64_t hash = 14695981039346656037u;
  std::size_t i = 0;
  for (; i + sizeof(std::uint64_t) <= bytes.size(); i += sizeof(std::uint64_t)) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, sizeof word);
    hash = (hash ^ word) * kPrime;
  }
  for (; i < bytes.size(); ++i) hash = (hash ^ static_cast<unsigned char>(bytes[i])) * kPrime;
  return hash;
}

using corpus::Is;

// Both classes have one `field` per kind of value, so that one `fields(io,
// record)` function per record lists its fields once for writing and reading.
// The ladders' records are described in `rungs/corpus/ladder_fields.h`, whose
// named fields are written here in the same order, without their names.
class BinaryWriter {
 public:
  template <typename T>
  requires std::is_arithmetic_v<T>
  void field(const T& value) { out_.append(reinterpret_cast<const char*>(&value), sizeof value); }
  template <typename T>
  requires std::is_enum_v<T>
  void field(const T& value) { field(static_cast<std::underlying_type_t<T>>(value)); }
  void field(const bool& value) { field(static_cast<std::uint8_t>(value)); }
  void field(const std::string& s) {
    field(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  template <typename T>
  void field(const std::vector<T>& items) {
    field(static_cast<std::uint32_t>(items.size()));
    for (const auto& item : items) field(item);
  }
  template <typename A, typename B>
  void field(const std::pair<A, B>& p) {
    field(p.first);
    field(p.second);
  }
  /// A record, through its `fields(io, record)` (found by argument-dependent lookup).
  template <typename T>
  requires std::is_class_v<T>
  void field(const T& record) { fields(*this, record); }
  template <typename T>
  void field(const char* /*name*/, const T& value, corpus::Presence /*presence*/) {
    field(value);
  }

  [[nodiscard]] const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

class BinaryReader {
 public:
  explicit BinaryReader(std::string_view bytes) : in_(bytes) {}

  template <typename T>
  requires std::is_arithmetic_v<T>
  void field(T& value) {
    need(sizeof value);
    std::memcpy(&value, in_.data(), sizeof value);
    in_.remove_prefix(sizeof value);
  }
  /// Any value of the underlying type: the caller checks the range.
  template <typename T>
  requires std::is_enum_v<T>
  void field(T& value) { value = static_cast<T>(get<std::underlying_type_t<T>>()); }
  void field(bool& value) { value = get<std::uint8_t>() != 0; }
  void field(std::string& s) {
    const auto n = count(1);
    s.assign(in_.substr(0, n));
    in_.remove_prefix(n);
  }
  template <typename T>
  void field(std::vector<T>& items) {
    items.resize(count(1));
    for (auto& item : items) field(item);
  }
  template <typename A, typename B>
  void field(std::pair<A, B>& p) {
    field(p.first);
    field(p.second);
  }
  template <typename T>
  requires std::is_class_v<T>
  void field(T& record) { fields(*this, record); }
  template <typename T>
  void field(const char* /*name*/, T& value, corpus::Presence /*presence*/) {
    field(value);
  }

  template <typename T>
  [[nodiscard]] T get() {
    T value{};
    field(value);
    return value;
  }
  [[nodiscard]] bool at_end() const { return in_.empty(); }

 private:
  // A sequence length, checked against the bytes left (each element takes
  // at least `min_size` bytes), so that damage never allocates gigabytes.
  [[nodiscard]] std::size_t count(std::size_t min_size) {
    const auto n = get<std::uint32_t>();
    need(static_cast<std::size_t>(n) * min_size);
    return n;
  }
  void need(std::size_t n) const {
    if (in_.size() < n) throw Error("the model file is truncated");
  }

  std::string_view in_;
};

}  // namespace rungs::mapping
