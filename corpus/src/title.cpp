// Title vocabulary: abbreviations, seniority words, management words, role
// families and the headings that are prose rather than levels. It is general
// career-ladder vocabulary, written once; no entry is there for one dataset row.

#include "rungs/corpus/title.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace rungs::corpus {
namespace {

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

struct Expansion {
  const char* abbreviation;
  const char* words;
};
constexpr std::array kExpansions = {
    Expansion{"sr", "senior"},
    Expansion{"snr", "senior"},
    Expansion{"jr", "junior"},
    Expansion{"jnr", "junior"},
    Expansion{"mgr", "manager"},
    Expansion{"mngr", "manager"},
    Expansion{"eng", "engineer"},
    Expansion{"engr", "engineer"},
    Expansion{"dev", "developer"},
    Expansion{"sre", "site reliability engineer"},
    Expansion{"swe", "software engineer"},
    Expansion{"sde", "software development engineer"},
    Expansion{"vp", "vice president"},
    Expansion{"svp", "senior vice president"},
    Expansion{"evp", "executive vice president"},
    Expansion{"assoc", "associate"},
    Expansion{"princ", "principal"},
    Expansion{"dir", "director"},
    Expansion{"cto", "chief technology officer"},
    Expansion{"ceo", "chief executive officer"},
    Expansion{"coo", "chief operating officer"},
    Expansion{"cio", "chief information officer"},
    Expansion{"ciso", "chief information security officer"},
    Expansion{"qa", "quality assurance"},
    Expansion{"int", "intermediate"},
    Expansion{"mid", "intermediate"},
    Expansion{"app", "application"},
    Expansion{"apps", "applications"},
    Expansion{"admin", "administrator"},
    Expansion{"infra", "infrastructure"},
    Expansion{"ops", "operations"},
    Expansion{"tech", "technical"},
    Expansion{"rep", "representative"},
    Expansion{"spec", "specialist"},
};

std::vector<std::string> expand(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) {
    const auto* e =
        std::find_if(kExpansions.begin(), kExpansions.end(), [&](const Expansion& x) { return w == x.abbreviation; });
    if (e == kExpansions.end()) {
      out.push_back(w);
    } else {
      for (auto& part : split_words(e->words)) out.push_back(std::move(part));
    }
  }
  return out;
}

struct Cue {
  const char* phrase;  // space-separated words
  double value;
  bool management;
};
// Longest phrases first, so that "senior manager" wins over "senior".
constexpr std::array kSeniorityCues = {
    Cue{"executive vice president", 7.5, true},
    Cue{"senior vice president", 7.5, true},
    Cue{"vice president", 7, true},
    Cue{"senior director", 6.5, true},
    Cue{"senior manager", 5, true},
    Cue{"head of", 6, true},
    Cue{"entry level", seniority::kIntern, false},
    Cue{"senior staff", 4.5, false},
    Cue{"senior principal", 5.5, false},
    Cue{"chief", 8, true},
    Cue{"director", 6, true},
    Cue{"manager", 4, true},
    Cue{"intern", seniority::kIntern, false},
    Cue{"interns", seniority::kIntern, false},
    Cue{"internship", seniority::kIntern, false},
    Cue{"trainee", seniority::kIntern, false},
    Cue{"apprentice", seniority::kIntern, false},
    Cue{"graduate", seniority::kIntern, false},
    Cue{"junior", seniority::kJunior, false},
    Cue{"associate", seniority::kJunior, false},
    Cue{"intermediate", seniority::kIntermediate, false},
    Cue{"senior", seniority::kSenior, false},
    Cue{"experienced", seniority::kSenior, false},
    Cue{"lead", seniority::kStaff, false},
    Cue{"staff", seniority::kStaff, false},
    Cue{"principal", seniority::kPrincipal, false},
    Cue{"distinguished", seniority::kDistinguished, false},
    Cue{"fellow", seniority::kDistinguished, false},
};

struct Family {
  const char* name;
  const char* phrases;  // '|' separated
};
// In priority order: the first family with a matching phrase wins.
constexpr std::array kFamilies = {
    Family{"devrel", "developer relations|developer advocate|advocate|evangelist|ospo|open source"},
    Family{"support", "support|helpdesk|help desk|service desk|customer|success"},
    Family{"sre",
           "site reliability|reliability|production|operations|devops|infrastructure|platform|"
           "systems administrator|sysadmin|cloud"},
    Family{"qa", "quality assurance|test|tester|testing"},
    Family{"security", "security"},
    Family{"data", "data|analytics|analyst|scientist|machine learning"},
    Family{"design", "design|designer|ux|ui"},
    Family{"product", "product manager|product owner|product"},
    Family{"software",
           "software|developer|programmer|backend|frontend|full stack|fullstack|mobile|web|"
           "application"},
};

constexpr std::array kRoleNouns = {
    "engineer",  "engineers",  "developer",     "programmer", "specialist",  "analyst",        "designer",
    "scientist", "architect",  "administrator", "technician", "consultant",  "representative", "agent",
    "advocate",  "manager",    "director",      "officer",    "president",   "intern",         "associate",
    "lead",      "tester",     "writer",        "researcher", "coordinator", "executive",      "head",
    "cto",       "ceo",        "evangelist",    "fellow",     "principal",   "staff",          "senior",
    "junior",    "apprentice", "trainee",       "member",
};

// Does `phrase` (space-separated words) occur in `words` at `at`?
std::size_t match_at(const std::vector<std::string>& words, std::size_t at, std::string_view phrase) {
  const auto parts = split_words(phrase);
  if (at + parts.size() > words.size()) return 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (words[at + i] != parts[i]) return 0;
  }
  return parts.size();
}

bool contains_phrase(const std::vector<std::string>& words, std::string_view phrases) {
  std::size_t start = 0;
  while (start <= phrases.size()) {
    const auto end = std::min(phrases.find('|', start), phrases.size());
    const auto phrase = phrases.substr(start, end - start);
    for (std::size_t at = 0; at < words.size(); ++at) {
      if (match_at(words, at, phrase) > 0) return true;
    }
    start = end + 1;
  }
  return false;
}

// "Product Manager", "Program Manager": roles that manage work, not people.
bool manages_work_not_people(const std::vector<std::string>& words, std::size_t at, std::string_view phrase) {
  static constexpr std::array<std::string_view, 10> kWork = {"product",   "project", "program", "programme", "account",
                                                             "community", "release", "content", "partner",   "success"};
  return phrase == "manager" && at > 0 && std::find(kWork.begin(), kWork.end(), words[at - 1]) != kWork.end();
}

int roman_value(std::string_view word) {
  constexpr std::array<std::string_view, 8> kRoman = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii"};
  const auto* it = std::find(kRoman.begin(), kRoman.end(), word);
  return it == kRoman.end() ? 0 : static_cast<int>(it - kRoman.begin()) + 1;
}

int small_number(std::string_view word) {
  if (word.empty() || word.size() > 2 ||
      !std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return 0;
  }
  return std::stoi(std::string(word));
}

void read_code(std::string_view title, TitleReading& reading) {
  // "L3", "IC4", "E-5", "SWE2"; "Level 3", "Grade 3", "Band 3", "Tier 3".
  static const std::regex kCode(R"((^|[^A-Za-z0-9])(L|IC|E|P|M|T|G|SE|SWE|SDE|ENG)[- ]?([0-9]{1,2})([^A-Za-z0-9]|$))",
                                std::regex::icase);
  static const std::regex kWordCode(R"((^|[^A-Za-z])(level|grade|band|tier)\s*([0-9]{1,2})([^0-9]|$))",
                                    std::regex::icase);
  constexpr std::size_t kLongestTitle = 200;  // std::regex recurses per character
  if (title.size() > kLongestTitle) return;
  const std::string text(title);
  std::smatch m;
  if (std::regex_search(text, m, kCode)) {
    std::string letters = m[2].str();
    for (char& c : letters) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    reading.code_number = std::stoi(m[3].str());
    reading.code = letters + std::to_string(reading.code_number);
  } else if (std::regex_search(text, m, kWordCode)) {
    reading.code_number = std::stoi(m[3].str());
    reading.code = "L" + std::to_string(reading.code_number);
  }
}

}  // namespace

TitleReading read_title(std::string_view title) {
  TitleReading reading;
  reading.words = expand(split_words(title));
  const auto& words = reading.words;
  read_code(title, reading);
  if (reading.code.empty() && words.size() == 1) reading.code_number = small_number(words[0]);

  std::vector<bool> used(words.size(), false);
  for (std::size_t at = 0; at < words.size();) {
    std::size_t length = 0;
    for (const auto& cue : kSeniorityCues) {
      length = match_at(words, at, cue.phrase);
      if (length == 0) continue;
      if (manages_work_not_people(words, at, cue.phrase)) {
        length = 0;
        continue;
      }
      if (!reading.seniority || cue.value > *reading.seniority) {
        reading.seniority = cue.value;
        reading.seniority_word = cue.phrase;
      }
      if (cue.management) reading.track = "management";
      break;
    }
    if (length == 0) {
      ++at;
    } else {
      std::fill(used.begin() + static_cast<std::ptrdiff_t>(at), used.begin() + static_cast<std::ptrdiff_t>(at + length),
                true);
      at += length;
    }
  }
  // "Senior Engineering Manager": "senior" qualifies a management word that it does not touch.
  const bool senior_word = std::find(words.begin(), words.end(), "senior") != words.end();
  if (senior_word && (reading.seniority_word == "manager" || reading.seniority_word == "director")) {
    reading.seniority_word = "senior " + reading.seniority_word;
    reading.seniority = reading.seniority_word == "senior manager" ? 5 : 6.5;
  }
  if (words.size() >= 2 && reading.code.empty()) {  // "Level 2": the 2 is the code's
    const std::string& last = words.back();
    reading.numeral = roman_value(last) > 0 ? roman_value(last) : small_number(last);
    if (reading.numeral > 0) used.back() = true;
  }
  for (const auto& family : kFamilies) {
    if (contains_phrase(words, family.phrases)) {
      reading.family = family.name;
      break;
    }
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool code_word = !reading.code.empty() && (words[i] == "level" || words[i] == "grade" ||
                                                     std::to_string(reading.code_number) == words[i] ||
                                                     split_words(reading.code)[0] == words[i]);
    if (!used[i] && !code_word && words[i] != "of") reading.role_words.push_back(words[i]);
  }
  return reading;
}

std::string prose_section_reason(std::string_view heading) {
  if (heading.find('?') != std::string_view::npos) return "a question (FAQ)";
  const auto words = split_words(heading);
  if (words.empty()) return "";
  struct Rule {
    const char* phrases;
    const char* reason;
  };
  static constexpr std::array kRules = {
      Rule{"faq|faqs|frequently asked|questions", "frequently asked questions"},
      Rule{"promotion|promotions|promoted|promotion process", "promotion process"},
      Rule{"anti patterns|antipatterns|anti pattern|what not to|pitfalls|red flags|warning signs", "what not to do"},
      Rule{"next up|see also|links|references|resources|further reading|table of contents|contents|navigation",
           "navigation"},
      Rule{"license|licence|authors|author|todo|contributing|changelog|acknowledgements|acknowledgments|credits|"
           "disclaimer|note|notes|about",
           "about the document"},
      Rule{"how to use|how to read|introduction|intro|purpose|overview|summary", "introduction"},
  };
  for (const auto& rule : kRules) {
    if (contains_phrase(words, rule.phrases)) return rule.reason;
  }
  // "Levels", "The levels", "Career levels", "Titles": a heading over the levels, not one.
  static constexpr std::array<std::string_view, 6> kOverLevels = {"levels", "titles", "ladder",
                                                                  "tracks", "grades", "roles"};
  if (words.size() <= 3 && std::find(kOverLevels.begin(), kOverLevels.end(), words.back()) != kOverLevels.end()) {
    return "a heading over the levels";
  }
  return "";
}

bool looks_like_level_title(std::string_view heading) {
  constexpr std::size_t kLongestLevelTitle = 80;
  if (heading.empty() || heading.size() > kLongestLevelTitle) return false;
  if (!prose_section_reason(heading).empty()) return false;
  const TitleReading reading = read_title(heading);
  constexpr std::size_t kMostTitleWords = 8;
  if (reading.words.empty() || reading.words.size() > kMostTitleWords) return false;
  if (!reading.code.empty() || reading.code_number > 0 || reading.seniority) return true;
  return std::any_of(reading.words.begin(), reading.words.end(), [](const std::string& w) {
    return std::find(kRoleNouns.begin(), kRoleNouns.end(), w) != kRoleNouns.end();
  });
}

std::optional<double> numeral_seniority(int numeral) {
  if (numeral <= 0) return std::nullopt;
  return std::min(static_cast<double>(numeral), seniority::kDistinguished);
}

std::string title_key(const TitleReading& reading) {
  std::vector<std::string> words = reading.words;
  if (reading.numeral > 0 && !words.empty()) words.pop_back();
  std::erase_if(words,
                [](const std::string& w) { return w == "of" || w == "the" || w == "and" || w == "a" || w == "an"; });
  if (words.empty()) return "";
  std::sort(words.begin(), words.end());
  std::string key;
  for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
  if (reading.numeral > 0) key += " #" + std::to_string(reading.numeral);
  return key;
}

bool is_job_title(std::string_view text) {
  constexpr std::size_t kLongestTitle = 80;
  constexpr std::size_t kMostTitleWords = 8;
  if (text.empty() || text.size() > kLongestTitle) return false;
  const auto raw = split_words(text);
  if (raw.empty() || raw.size() > kMostTitleWords) return false;
  // The small words a sentence needs and a title does without ("Head of
  // Support" and "Research and Development" keep theirs).
  static constexpr std::array<std::string_view, 30> kSentenceWords = {
      "a",   "an",  "the",  "to", "for",   "with", "who", "that", "which", "on", "in",   "at",   "by",  "from", "is",
      "are", "can", "will", "my", "their", "his",  "her", "they", "not",   "no", "when", "what", "how", "why",  "into"};
  for (const auto& w : raw) {
    if (std::find(kSentenceWords.begin(), kSentenceWords.end(), w) != kSentenceWords.end()) return false;
  }
  if (!prose_section_reason(text).empty()) return false;
  const TitleReading reading = read_title(text);
  if (!reading.code.empty() || (reading.code_number > 0 && raw.size() == 1)) return true;
  const auto& words = reading.words;
  // The last word, a trailing numeral aside, names the role: singular role
  // nouns only, so that "manages six engineers" stays a duty phrase.
  const std::size_t last = words.size() - (reading.numeral > 0 && words.size() > 1 ? 2 : 1);
  const bool role_noun =
      words[last] != "engineers" && std::find(kRoleNouns.begin(), kRoleNouns.end(), words[last]) != kRoleNouns.end();
  if (role_noun) return true;
  // A seniority word in front: a title when it stands alone, is a management
  // word ("VP Engineering") or names a role family ("Principal, Platform");
  // "Lead incident response" is a duty phrase in the imperative.
  for (const auto& cue : kSeniorityCues) {
    if (match_at(words, 0, cue.phrase) > 0) return words.size() == 1 || cue.management || !reading.family.empty();
  }
  return false;
}

std::optional<TitleSplit> find_title(std::string_view text) {
  const auto trim = [](std::string_view s) {
    const auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return std::string_view{};
    return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
  };
  text = trim(text);
  if (is_job_title(text)) return TitleSplit{std::string(text), ""};
  // Clause boundaries ("who", a comma, a dash; "at", "in" before a place or
  // team), each with the length of its marker.
  std::vector<std::pair<std::size_t, std::size_t>> boundaries;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',' || text[i] == ';' || text[i] == ':' || text[i] == '(') boundaries.emplace_back(i, 1);
  }
  static constexpr std::array<std::string_view, 13> kMarkers = {" who ", " that ",   " which ",  " with ", " whose ",
                                                                " - ",   " \u2014 ", " \u2013 ", " and ",  " at ",
                                                                " in ",  " on ",     " for "};
  for (const auto marker : kMarkers) {
    for (auto at = text.find(marker); at != std::string_view::npos; at = text.find(marker, at + 1)) {
      boundaries.emplace_back(at, marker.size());
    }
  }
  std::sort(boundaries.begin(), boundaries.end());
  for (const auto& [at, length] : boundaries) {
    const auto head = trim(text.substr(0, at));
    const auto rest = trim(text.substr(at + length));
    if (!head.empty() && is_job_title(head)) return TitleSplit{std::string(head), std::string(rest)};
  }
  return std::nullopt;
}

double title_order_key(const TitleReading& reading) {
  constexpr double kNumeralStep = 0.1;  // "Senior Engineer 2" just above "Senior Engineer 1"
  if (reading.code_number > 0) return reading.code_number;
  return reading.seniority.value_or(seniority::kIntermediate) + kNumeralStep * reading.numeral;
}

}  // namespace rungs::corpus
