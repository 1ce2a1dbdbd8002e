#pragma once
// Things rungs says in words, the same in every output (tables, Markdown,
// CSV, HTML, JSON, the web app).

#include <string>

#include "rungs/mapping/harmonise.h"
#include "rungs/mapping/mapping.h"

namespace rungs::service {

/// A band's name: "B3" on the individual track, "M1" on the management
/// track (another track: its initial, upper case).
[[nodiscard]] std::string band_name(const mapping::Band& band);

/// A band note in words: "acme has no level in this band".
[[nodiscard]] std::string band_note_words(const mapping::BandNote& note);

/// Why a mapping row is where it is, when the statements alone favour
/// another level ("" otherwise, and for rows with no equivalent).
[[nodiscard]] std::string decision_words(const mapping::Equivalence& e);

/// The levels a row maps to: "Senior SRE [L3]", "A + B", or "—" for none.
[[nodiscard]] std::string target_titles(const mapping::Equivalence& e);

}  // namespace rungs::service
