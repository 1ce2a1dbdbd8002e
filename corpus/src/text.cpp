#include "rungs/corpus/text.h"

#include <array>
#include <optional>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <fmt/format.h>

#include "rungs/corpus/error.h"

namespace rungs::corpus {
namespace {

// Windows-1252 bytes 0x80-0x9F; the five undefined bytes map to the C1
// control of the same value, as most decoders that produced mojibake did.
constexpr std::array<char32_t, 32> kCp1252High = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                                  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// The Windows-1252 byte that decodes to `c`, if any (non-ASCII only).
std::optional<unsigned char> cp1252_byte(char32_t c) {
  if (c >= 0xA0 && c <= 0xFF) return static_cast<unsigned char>(c);
  for (std::size_t i = 0; i < kCp1252High.size(); ++i) {
    if (kCp1252High[i] == c) return static_cast<unsigned char>(0x80 + i);
  }
  return std::nullopt;
}

bool is_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

// Tries to undo one round of UTF-8 → Windows-1252 → UTF-8 on a run of
// non-ASCII characters; returns the repaired bytes when they decode cleanly.
std::optional<std::string> undo_double_encoding(std::u32string_view run) {
  std::string bytes;
  for (char32_t c : run) {
    auto b = cp1252_byte(c);
    if (!b) return std::nullopt;
    bytes.push_back(static_cast<char>(*b));
  }
  if (!is_valid_utf8(bytes)) return std::nullopt;
  return bytes;
}

void append_utf8(std::string& out, char32_t c) { icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out); }

}  // namespace

std::string repair_mojibake(std::string_view text) {
  if (!is_valid_utf8(text)) return std::string(text);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  std::string out;
  out.reserve(text.size());
  std::u32string run;  // current run of non-ASCII characters
  auto flush = [&] {
    if (run.empty()) return;
    if (auto repaired = undo_double_encoding(run)) {
      out += *repaired;
    } else {
      for (char32_t c : run) append_utf8(out, c);
    }
    run.clear();
  };
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0x80) {
      flush();
      out.push_back(static_cast<char>(c));
    } else {
      run.push_back(static_cast<char32_t>(c));
    }
  }
  flush();
  return out;
}

std::string normalize_text(std::string_view text, const std::filesystem::path& path, int line) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int current_line = line;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      throw ParseError(path, current_line,
                       fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8", s[start]));
    }
    if (c == 0) throw ParseError(path, current_line, "contains a NUL byte: this looks like a binary file");
    if (c == '\n' && current_line > 0) ++current_line;
  }
  return to_nfc(repair_mojibake(text));
}

std::string to_nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw Error("ICU NFC normaliser unavailable");
  const auto unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (nfc->isNormalized(unicode, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  std::string out;
  nfc->normalize(unicode, status).toUTF8String(out);
  // Invalid UTF-8 read as U+FFFD: keep the text as it came rather than alter it.
  std::string round_trip;
  unicode.toUTF8String(round_trip);
  if (U_FAILURE(status) || round_trip != text) return std::string(text);
  return out;
}

std::string fold_case(std::string_view text) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
      .foldCase()
      .toUTF8String(out);
  return out;
}

std::string slugify(std::string_view text) {
  // Decomposed, an accented Latin letter is its ASCII base plus a combining
  // mark: dropping the marks keeps "Ingénieur" readable as "ingenieur".
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw Error("ICU NFD normaliser unavailable");
  const auto decomposed = nfd->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))).foldCase(),
      status);
  if (U_FAILURE(status)) throw Error("cannot decompose '" + std::string(text) + "' for an id");
  std::string slug;
  bool dash = false;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 ch = decomposed.char32At(i);
    i += U16_LENGTH(ch);
    if (u_charType(ch) == U_NON_SPACING_MARK) continue;
    const auto c = static_cast<unsigned>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !slug.empty()) slug.push_back('-');
      slug.push_back(static_cast<char>(c));
      dash = false;
    } else {
      dash = true;
    }
  }
  return slug;
}

}  // namespace rungs::corpus
