#include "generator.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <string>

#include <fmt/format.h>

#include "rungs/corpus/load.h"

namespace rungs::bench {
namespace {

using corpus::Ladder;
using corpus::Level;
using corpus::Statement;
using corpus::StatementKind;

constexpr int kBands = 5;  // relative-position bands a statement is drawn from

struct Seed {
  std::string text;
  std::string area;
};

// Our own draws (not std::uniform_int_distribution, whose output differs
// between standard libraries) keep the corpus identical everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(engine_() % n); }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

 private:
  std::mt19937_64 engine_;
};

// Zipf(1) over ranks 0..n-1 by inverting the harmonic CDF approximately.
std::size_t zipf(Random& random, std::size_t n) {
  const double h = std::log(static_cast<double>(n)) + 0.5772;
  const double r = std::exp(random.unit() * h) - 1;
  return std::min(n - 1, static_cast<std::size_t>(r));
}

// A pronounceable synthetic word for lexicon rank `n` ("kovatel").
std::string synthetic_word(std::size_t n) {
  static const char* kOnsets[] = {"b", "d", "f", "g", "k", "l",  "m",  "n",  "p",
                                  "r", "s", "t", "v", "z", "br", "st", "tr", "pl"};
  static const char* kVowels[] = {"a", "e", "i", "o", "u", "ai", "ou"};
  std::string word;
  std::size_t x = n + 1;
  do {
    word += kOnsets[x % 18];
    x /= 18;
    word += kVowels[x % 7];
    x /= 7;
  } while (x > 0);
  return word + (n % 3 == 0 ? "tion" : n % 3 == 1 ? "ly" : "ment");
}

// Clauses of a statement, split at ", " and "; " and " and ".
std::vector<std::string> clauses(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t skip = 0;
    if ((text[i] == ',' || text[i] == ';') && i + 1 < text.size() && text[i + 1] == ' ')
      skip = 2;
    else if (text.compare(i, 5, " and ") == 0)
      skip = 5;
    if (skip == 0) continue;
    if (i > start) out.push_back(text.substr(start, i - start));
    start = i + skip;
    i += skip - 1;
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

std::string strip_end(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

class Generator {
 public:
  Generator(const std::vector<Ladder>& seeds, const GeneratorOptions& options)
      : options_(options), random_(options.seed) {
    for (const auto& ladder : seeds) {
      int ranks = 0;
      for (const auto& level : ladder.levels) ranks = std::max(ranks, level.rank);
      for (const auto& level : ladder.levels) {
        const double position = ranks <= 1 ? 0.5 : static_cast<double>(level.rank - 1) / (ranks - 1);
        const int band = std::min(kBands - 1, static_cast<int>(position * kBands));
        for (const auto& s : level.statements) {
          if (s.kind == StatementKind::competency) competencies_[band].push_back({s.text, s.area});
          if (s.kind == StatementKind::summary) summaries_.push_back({s.text, s.area});
          if (!s.area.empty() && std::find(areas_.begin(), areas_.end(), s.area) == areas_.end())
            areas_.push_back(s.area);
        }
      }
    }
    for (auto& band : competencies_) {
      if (band.empty()) band = competencies_[kBands / 2];
    }
    if (summaries_.empty()) summaries_ = competencies_[kBands / 2];
    lexicon_ = std::max<std::size_t>(500, options.statements / 20);
  }

  std::vector<Ladder> run() {
    std::vector<Ladder> ladders;
    std::size_t left = options_.statements;
    while (left > 0) {
      ladders.push_back(ladder(ladders.size(), left));
      left -= indexed_statements({ladders.back()});
    }
    return ladders;
  }

 private:
  Ladder ladder(std::size_t n, std::size_t budget) {
    static const char* kRoles[] = {"Support Engineer",  "SRE",
                                   "DevOps Engineer",   "Application Engineer",
                                   "Platform Engineer", "Data Engineer",
                                   "Security Engineer", "QA Engineer",
                                   "Backend Engineer",  "Infrastructure Engineer",
                                   "Product Designer",  "Analyst"};
    static const char* kGrades[] = {"Junior", "Associate", "", "Senior", "Staff", "Lead", "Principal", "Distinguished"};
    Ladder ladder;
    ladder.id = fmt::format("gen-{:06}", n);
    ladder.framework = fmt::format("family-{:04}", n / 10);
    const std::string role = kRoles[random_.below(std::size(kRoles))];
    ladder.name = fmt::format("Generated {} ladder {}", role, n);
    ladder.source = fmt::format("rungs bench generator, seed {}", options_.seed);
    const int levels = random_.between(3, 7);
    const bool manager = random_.chance(0.125);
    for (int r = 1; r <= levels && budget > 0; ++r) {
      Level level;
      level.rank = r;
      level.code = fmt::format("L{}", r);
      level.id = fmt::format("l{}", r);
      const bool management = manager && r == levels;
      const double position = levels == 1 ? 0.5 : static_cast<double>(r - 1) / (levels - 1);
      const auto grade = static_cast<std::size_t>(position * (std::size(kGrades) - 1) + 0.5);
      level.title =
          management ? role + " Manager" : (std::string(kGrades[grade]) + (kGrades[grade][0] ? " " : "") + role);
      level.track = management ? "management" : "individual";
      const int band = std::min(kBands - 1, static_cast<int>(position * kBands));
      const std::size_t count = std::min<std::size_t>(budget, static_cast<std::size_t>(random_.between(4, 16)));
      for (std::size_t i = 0; i < count; ++i) {
        Statement s;
        const bool summary = i == 0 && random_.chance(1.0 / 3);
        const auto& pool = summary ? summaries_ : competencies_[random_.chance(0.8) ? band : random_.below(kBands)];
        const Seed& base = pool[random_.below(pool.size())];
        s.kind = summary ? StatementKind::summary : StatementKind::competency;
        s.area =
            summary ? "" : (random_.chance(0.7) || areas_.empty() ? base.area : areas_[random_.below(areas_.size())]);
        s.text = text(base, pool);
        s.source = ladder.id + ".yaml";
        s.line = static_cast<int>(i + 1);
        level.statements.push_back(std::move(s));
      }
      budget -= count;
      ladder.levels.push_back(std::move(level));
    }
    return ladder;
  }

  std::string text(const Seed& base, const std::vector<Seed>& pool) {
    std::string out = base.text;
    if (random_.chance(0.5)) {
      const auto left = clauses(base.text);
      const auto right = clauses(pool[random_.below(pool.size())].text);
      if (!left.empty() && !right.empty()) {
        std::string tail = strip_end(right[random_.below(right.size())]);
        if (!tail.empty()) tail[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(tail[0])));
        out = strip_end(left.front()) + (random_.chance(0.5) ? ", and " : "; ") + tail + ".";
      }
    }
    // Replace some words made of ASCII letters by synthetic words.
    std::string mutated;
    std::size_t i = 0;
    while (i < out.size()) {
      if (!std::isalpha(static_cast<unsigned char>(out[i]))) {
        mutated += out[i++];
        continue;
      }
      std::size_t j = i;
      while (j < out.size() && std::isalpha(static_cast<unsigned char>(out[j]))) ++j;
      if (j - i >= 4 && random_.chance(options_.synthetic_word_rate)) {
        mutated += synthetic_word(zipf(random_, lexicon_));
      } else {
        mutated.append(out, i, j - i);
      }
      i = j;
    }
    return mutated;
  }

  GeneratorOptions options_;
  Random random_;
  std::vector<Seed> competencies_[kBands];
  std::vector<Seed> summaries_;
  std::vector<std::string> areas_;
  std::size_t lexicon_ = 500;
};

}  // namespace

std::vector<Ladder> generate_ladders(const std::vector<Ladder>& seeds, const GeneratorOptions& options) {
  return Generator(seeds, options).run();
}

void write_yaml(const std::vector<Ladder>& ladders, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (const auto& ladder : ladders) {
    std::ofstream out(dir / (ladder.id + ".yaml"), std::ios::binary);
    out << corpus::to_yaml(ladder);
  }
}

std::size_t indexed_statements(const std::vector<Ladder>& ladders) {
  std::size_t n = 0;
  for (const auto& ladder : ladders) {
    n += static_cast<std::size_t>(corpus::count(ladder, StatementKind::competency) +
                                  corpus::count(ladder, StatementKind::summary));
  }
  return n;
}

}  // namespace rungs::bench
