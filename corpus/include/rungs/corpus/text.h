#pragma once
// Text normalisation, done with ICU so that every module sees the same text.

#include <filesystem>
#include <string>
#include <string_view>

namespace rungs::corpus {

/// Repairs UTF-8 that was decoded as Windows-1252 and encoded again
/// (`thatâ€™s` → `that’s`). The repair is kept only when the result decodes
/// cleanly as UTF-8 and is shorter; otherwise `text` is returned unchanged.
[[nodiscard]] std::string repair_mojibake(std::string_view text);

/// Validates UTF-8, repairs mojibake and applies NFC. Throws `ParseError`
/// naming `path` and `line` for invalid UTF-8 or NUL bytes.
[[nodiscard]] std::string normalize_text(std::string_view text, const std::filesystem::path& path, int line);

/// `text` in NFC ("Cafe\u0301" → "Café"); text that is not valid UTF-8 is
/// returned unchanged.
[[nodiscard]] std::string to_nfc(std::string_view text);

/// Unicode case folding (full folding, so "Straße" and "STRASSE" fold alike).
[[nodiscard]] std::string fold_case(std::string_view text);

/// Lower-case ASCII slug for ids: "Lead SRE (L4)" → "lead-sre-l4", "Ingénieur" → "ingenieur";
/// letters without an ASCII base (ø, non-Latin scripts) drop out, so the result may be empty.
[[nodiscard]] std::string slugify(std::string_view text);

}  // namespace rungs::corpus
