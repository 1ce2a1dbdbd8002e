#pragma once
// The word-boundary rule. Indexing (`normalize`, hence the terms the index
// holds) and querying (the query preparation and the query limits in search)
// must cut text into words at the same places, so they take the rule from
// here and nowhere else.

namespace rungs::analysis {

/// Whether byte `c` belongs to a word: an ASCII letter or digit, '_', or any
/// byte of a multi-byte UTF-8 character (so "café" and "日本" are words).
/// Everything else (spaces, punctuation, ASCII symbols) separates words.
/// **Example**: in "on-call_rota", "on" and "call_rota" are words.
[[nodiscard]] constexpr bool is_word_byte(unsigned char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

}  // namespace rungs::analysis
