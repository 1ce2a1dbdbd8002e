// The analyzer (see analyzer.h): the stopwords, and the tokeniser and
// stemmer around `normalize`; `positioned_words` reads a tokenised text back
// from a Xapian document (xapian_terms.h).

#include "rungs/analysis/analyzer.h"

#include <xapian.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <utility>

#include "rungs/analysis/xapian_terms.h"

namespace rungs::analysis {

const std::vector<std::string>& stopwords() {
  static const std::vector<std::string> kStopwords = {
      "a",     "an",   "and",   "are",  "as",   "at",    "be",  "been", "being", "by",    "for",  "from",
      "has",   "have", "in",    "into", "is",   "it",    "its", "of",   "on",    "or",    "that", "the",
      "their", "them", "these", "they", "this", "those", "to",  "was",  "were",  "which", "with",
  };
  return kStopwords;
}

// Xapian's stemmer and term generator keep state while they work, so each
// call borrows a pair of its own: the analyzer can be shared between threads
// (a model answers requests of `rungs serve` at once).
struct Tools {
  Xapian::Stem stemmer{std::string(kStemmer)};
  Xapian::TermGenerator words;

  Tools() { words.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE); }
};

struct Analyzer::Impl {
  std::set<std::string> stop{stopwords().begin(), stopwords().end()};
  std::mutex mutex;  ///< guards `idle`
  std::vector<std::unique_ptr<Tools>> idle;

  // The tools for one call, back to `idle` when it ends.
  class Borrowed {
   public:
    explicit Borrowed(Impl& impl) : impl_(impl) {
      {
        std::lock_guard lock(impl_.mutex);
        if (!impl_.idle.empty()) {
          tools_ = std::move(impl_.idle.back());
          impl_.idle.pop_back();
        }
      }
      if (!tools_) tools_ = std::make_unique<Tools>();
    }
    ~Borrowed() {
      std::lock_guard lock(impl_.mutex);
      impl_.idle.push_back(std::move(tools_));
    }
    Borrowed(const Borrowed&) = delete;
    Borrowed& operator=(const Borrowed&) = delete;
    Tools* operator->() { return tools_.get(); }

   private:
    Impl& impl_;
    std::unique_ptr<Tools> tools_;
  };
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
// Xapian objects share their internals on copy; a copy builds its own.
Analyzer::Analyzer(const Analyzer&) : impl_(std::make_unique<Impl>()) {}
Analyzer& Analyzer::operator=(const Analyzer& other) {
  if (this != &other) impl_ = std::make_unique<Impl>();
  return *this;
}

bool should_stem(const std::string& word) {
  Xapian::Utf8Iterator u(word);
  if (u == Xapian::Utf8Iterator()) return false;
  switch (Xapian::Unicode::get_category(*u)) {
    case Xapian::Unicode::LOWERCASE_LETTER:
    case Xapian::Unicode::TITLECASE_LETTER:
    case Xapian::Unicode::MODIFIER_LETTER:
    case Xapian::Unicode::OTHER_LETTER:
      return true;
    default:
      return false;
  }
}

std::string stemmed_term(const Xapian::Stem& stemmer, const std::string& word) { return "Z" + stemmer(word); }

std::string term_of(const Xapian::Stem& stemmer, const std::string& word) {
  return should_stem(word) ? stemmed_term(stemmer, word) : word;
}

std::vector<std::string> positioned_words(const Xapian::Document& doc) {
  std::vector<std::pair<Xapian::termpos, std::string>> positioned;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    // Text is case-folded first, so only stems start with an upper-case Z.
    if (!term.empty() && term[0] == 'Z') continue;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      positioned.emplace_back(*p, term);
    }
  }
  std::sort(positioned.begin(), positioned.end());
  std::vector<std::string> out;
  out.reserve(positioned.size());
  for (auto& [pos, word] : positioned) out.push_back(std::move(word));
  return out;
}

std::vector<std::string> Analyzer::words(std::string_view text) const {
  // Tokenise with Xapian's own TermGenerator so the words are exactly the
  // unstemmed terms indexing produces.
  Impl::Borrowed tools(*impl_);
  Xapian::Document doc;
  tools->words.set_document(doc);
  tools->words.set_termpos(0);
  tools->words.index_text(normalize(text));
  return positioned_words(doc);
}

std::vector<std::string> Analyzer::stems(std::string_view text) const {
  std::vector<std::string> out;
  const auto all = words(text);
  Impl::Borrowed tools(*impl_);
  for (const auto& word : all) {
    if (impl_->stop.count(word) != 0) continue;
    out.push_back(tools->stemmer(word));
  }
  return out;
}

}  // namespace rungs::analysis
