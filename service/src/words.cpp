#include "rungs/service/words.h"

#include <cctype>

#include <fmt/format.h>

namespace rungs::service {

std::string band_note_words(const mapping::BandNote& note) {
  using Kind = mapping::BandNote::Kind;
  switch (note.kind) {
    case Kind::gap:
      return note.ladder + " has no level in this band";
    case Kind::doubles: {
      std::string joined;
      for (const auto& t : note.titles) joined += (joined.empty() ? "" : ", ") + t;
      return fmt::format("{} has {} levels in this band ({})", note.ladder, note.titles.size(), joined);
    }
    case Kind::direct_disagrees:
      return fmt::format("mapped directly, {} {} pairs with {} {} (band {}); through {} they fall in different bands",
                         note.ladder, note.titles.at(0), note.other_ladder, note.titles.at(1), note.other_band,
                         note.pivot);
  }
  return {};
}

std::string decision_words(const mapping::Equivalence& e) {
  if (!e.content_choice || e.to.empty()) return "";
  const std::string why = e.decided_by == mapping::Decider::position
                              ? "the levels' places on the seniority scale (titles, codes or rank)"
                              : "the seniority their statements' words read";
  return fmt::format("the statements alone favour {}; {} placed it at {}", e.content_choice->title, why,
                     e.to.front().title);
}

std::string band_name(const mapping::Band& band) {
  const char letter = band.track == "individual" ? 'B'
                      : band.track.empty()       ? '?'
                                           : static_cast<char>(std::toupper(static_cast<unsigned char>(band.track[0])));
  return letter + std::to_string(band.number);
}

std::string target_titles(const mapping::Equivalence& e) {
  if (e.to.empty()) return "—";
  std::string out;
  for (const auto& r : e.to) out += (out.empty() ? "" : " + ") + r.title + (r.code.empty() ? "" : " [" + r.code + "]");
  return out;
}

}  // namespace rungs::service
