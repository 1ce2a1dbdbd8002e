// The query mix of rungs_bench (see query_mix.h).

#include "query_mix.h"

#include <cctype>
#include <random>
#include <set>

#include "rungs/analysis/analyzer.h"

namespace rungs::bench {

std::vector<std::string> plain_words(const std::string& text) {
  std::vector<std::string> words;
  std::string w;
  auto flush = [&] {
    if (w.size() >= 3) words.push_back(w);
    w.clear();
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::vector<QuerySpec> query_mix(const std::vector<corpus::Ladder>& ladders, std::uint64_t seed) {
  std::mt19937_64 random(seed ^ 0x9e3779b97f4a7c15ULL);
  auto below = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  const std::set<std::string> stop(analysis::stopwords().begin(), analysis::stopwords().end());
  auto any_statement = [&]() -> const corpus::Statement& {
    for (;;) {
      const auto& ladder = ladders[below(ladders.size())];
      const auto& level = ladder.levels[below(ladder.levels.size())];
      if (!level.statements.empty()) return level.statements[below(level.statements.size())];
    }
  };
  auto content = [&](const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (const auto& w : words) {
      if (w.size() >= 4 && !stop.contains(w) && w != "and" && w != "not") out.push_back(w);
    }
    return out;
  };
  auto word = [&]() {
    for (;;) {
      auto words = content(plain_words(any_statement().text));
      if (!words.empty()) return words[below(words.size())];
    }
  };
  auto quote = [](const std::string& w) { return "\"" + w + "\""; };
  std::vector<QuerySpec> mix;
  constexpr int kPerClass = 20;
  for (int i = 0; i < kPerClass; ++i) {
    const std::string w = word();
    mix.push_back({"word", w, quote(w), "", "", {w}});
  }
  for (int i = 0; i < kPerClass;) {
    const auto words = plain_words(any_statement().text);
    if (words.size() < 2) continue;
    const std::size_t k = below(words.size() - 1);
    if (stop.contains(words[k]) || stop.contains(words[k + 1])) continue;
    const std::string p = words[k] + " " + words[k + 1];
    mix.push_back({"phrase", quote(p), quote(p), "", "", {}});
    ++i;
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string a = word(), b = word();
    mix.push_back({"and", a + " AND " + b, quote(a) + " AND " + quote(b), "", "", {}});
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string a = word(), b = word(), c = word();
    mix.push_back({"or", a + " " + b + " " + c, quote(a) + " OR " + quote(b) + " OR " + quote(c), "", "", {a, b, c}});
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string a = word(), b = word();
    mix.push_back({"not", a + " NOT " + b, quote(a) + " NOT " + quote(b), "", "", {}});
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string w = word();
    mix.push_back({"framework", w, quote(w), ladders[below(ladders.size())].framework, "", {}});
  }
  for (int i = 0; i < kPerClass; ++i) {
    const std::string w = word();
    mix.push_back({"ladder", w, quote(w), "", ladders[below(ladders.size())].id, {}});
  }
  return mix;
}

std::vector<std::string> level_phrases(const std::vector<corpus::Ladder>& ladders, std::uint64_t seed, std::size_t n) {
  std::mt19937_64 random(seed + 7);
  std::vector<std::string> out;
  while (out.size() < n) {
    const auto& ladder = ladders[random() % ladders.size()];
    const auto& level = ladder.levels[random() % ladder.levels.size()];
    if (level.statements.empty()) continue;
    const auto words = plain_words(level.statements[random() % level.statements.size()].text);
    if (words.size() < 3) continue;
    const std::size_t len = std::min<std::size_t>(words.size(), 3 + random() % 4);
    const std::size_t start = random() % (words.size() - len + 1);
    std::string phrase;
    for (std::size_t i = start; i < start + len; ++i) phrase += (phrase.empty() ? "" : " ") + words[i];
    out.push_back(phrase);
  }
  return out;
}

}  // namespace rungs::bench
