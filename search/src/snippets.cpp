// Snippets of hits (see snippets.h).

#include "snippets.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "query.h"
#include "rungs/analysis/xapian_terms.h"
#include "rungs/corpus/text.h"

namespace rungs::search {
namespace {

// Markers handed to MSet::snippet (1.4.22 mis-escapes with empty ones); they
// are replaced by the caller's markers once Xapian's escaping is undone.
constexpr std::string_view kMarkOpen = "\x01";
constexpr std::string_view kMarkClose = "\x02";
constexpr std::size_t kSnippetBytes = 300;

// Undoes MSet::snippet's HTML escaping.
std::string unescape_html(std::string text) {
  if (text.find('&') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  static constexpr std::array<std::pair<std::string_view, char>, 6> kEntities = {{
      {"&amp;", '&'},
      {"&lt;", '<'},
      {"&gt;", '>'},
      {"&quot;", '"'},
      {"&#39;", '\''},
      {"&apos;", '\''},
  }};
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, ch] : kEntities) {
        if (text.compare(i, entity.size(), entity) == 0) {
          out.push_back(ch);
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(text[i++]);
  }
  return out;
}

}  // namespace

Highlighter::Highlighter() { raw_words_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE); }

Xapian::MSet Highlighter::highlight_mset(const Xapian::Database& db, const std::set<std::string>& terms,
                                         const std::vector<std::string>& extra) {
  std::vector<std::string> all(terms.begin(), terms.end());
  all.insert(all.end(), extra.begin(), extra.end());
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, all.begin(), all.end()));
  return enquire.get_mset(0, 0);
}

std::vector<std::string> Highlighter::respelled_terms(const std::string& text,
                                                      const std::set<std::string>& query_terms) {
  std::vector<std::string> extra;
  const std::string folded = corpus::fold_case(text);
  // Most statements read the same once normalised: then no word was respelled.
  if (analysis::normalize(text) == folded) return extra;
  const auto normalized = analyzer_.words(text);
  Xapian::Document doc;
  raw_words_.set_document(doc);
  raw_words_.set_termpos(0);
  raw_words_.index_text(folded);
  std::vector<std::pair<Xapian::termpos, std::string>> raw;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) raw.emplace_back(*p, *t);
  }
  if (raw.size() != normalized.size()) return extra;  // cannot pair the words up
  std::sort(raw.begin(), raw.end());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::string& word = raw[i].second;
    const std::string& norm = normalized[i];
    if (word == norm) continue;
    const bool matched = query_terms.count(norm) != 0 || query_terms.count(analysis::term_of(stemmer_, norm)) != 0;
    if (!matched) continue;
    extra.push_back(word);
    if (analysis::should_stem(word)) extra.push_back(analysis::stemmed_term(stemmer_, word));
  }
  return extra;
}

std::string Highlighter::snippet(const Xapian::MSet& mset, const std::string& text,
                                 const SearchRequest& request) const {
  const std::string raw = mset.snippet(text, std::max(kSnippetBytes, text.size()), stemmer_,
                                       Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                       std::string(kMarkOpen), std::string(kMarkClose), "...");
  // One pass for both markers: the caller's markers may be ours (a second
  // pass would rewrite what the first wrote).
  const std::string plain = unescape_html(raw);
  std::string out;
  out.reserve(plain.size());
  for (char c : plain) {
    if (c == kMarkOpen[0]) {
      out += request.highlight_start;
    } else if (c == kMarkClose[0]) {
      out += request.highlight_end;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace rungs::search
