#pragma once
// Reading the index: full-text search with facets, and the ladders stored in it.
// A `Searcher` is a move-only handle on one index; it is not thread-safe
// (one per thread). It reopens and retries when a writer commits under it.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rungs/corpus/ladder.h"

namespace rungs::search {

/// Facet filters; values within one facet are ORed, facets are ANDed.
struct Filters {
  std::vector<std::string> frameworks;
  std::vector<std::string> ladders;
  std::vector<std::string> levels;  ///< level ids ("l4") or "<ladder>/<level>"
  std::vector<std::string> areas;
  std::vector<std::string> tracks;
  std::vector<std::string> kinds;  ///< "competency", "summary", "boilerplate" (left out when no kind is asked for)

  bool operator==(const Filters&) const = default;
};

/// Limits of one user query (not of `plain_words` requests, which programs
/// make): longer queries are refused with a `QueryError` naming the limit.
/// Words include prefixed ones (`ladder:x`). Wildcards are not expanded
/// (`m*` is the word "m"), so a query costs at most its words.
inline constexpr std::size_t kMaxQueryBytes = 4096;
inline constexpr std::size_t kMaxQueryWords = 64;

struct SearchRequest {
  /// User query: words, "phrases", AND/OR/NOT, prefixes ladder: level: area:
  /// framework: track: kind:. Unparsable text falls back to plain terms.
  /// Read in NFC. Empty matches every statement (the filters decide); text
  /// with no word in it (only punctuation) matches none.
  std::string query;
  /// Read `query` as plain words, ORed and stemmed, with no operators,
  /// phrases or prefixes: for machine queries such as a statement's text.
  bool plain_words = false;
  Filters filters;
  int limit = 10;  ///< hits to return
  int offset = 0;  ///< hits to skip
  /// Snippet highlight markers (e.g. ANSI bold on a terminal); "" disables highlighting.
  std::string highlight_start;
  std::string highlight_end;
};

struct Hit {
  double score = 0;
  std::string framework;
  std::string ladder;
  std::string level;  ///< level id
  std::string level_title;
  int level_rank = 0;
  std::string area;
  std::string kind;     ///< "competency" or "summary"
  std::string text;     ///< the statement as stored
  std::string snippet;  ///< plain text with matched words between the markers
  std::string source;   ///< document file name
  int line = 0;

  bool operator==(const Hit&) const = default;
};

struct FacetCount {
  std::string value;
  int count = 0;

  bool operator==(const FacetCount&) const = default;
};

struct SearchResults {
  std::string query;
  std::string corrected_query;  ///< spelling suggestion, "" when none
  /// The query as typed found nothing and its respelling did: `hits`,
  /// `total` and `facets` are `corrected_query`'s (search engines do the same).
  bool showing_corrected = false;
  bool fell_back_to_plain = false;  ///< the query did not parse and was read as plain words
  int total = 0;                    ///< exact number of matching statements
  std::vector<Hit> hits;
  /// Exact counts over all matches, keyed "framework", "ladder", "level", "area", "track", "kind".
  std::map<std::string, std::vector<FacetCount>> facets;
};

class Searcher {
 public:
  /// Opens the index at `db`. Throws `IndexError` when it is missing, or of
  /// another schema version (the message says what to run).
  explicit Searcher(const std::filesystem::path& db);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  [[nodiscard]] SearchResults search(const SearchRequest& request);

  /// Every ladder in the index, sorted by id.
  [[nodiscard]] std::vector<corpus::Ladder> ladders();
  /// One ladder; throws `QueryError` listing the known ids when it is absent.
  [[nodiscard]] corpus::Ladder ladder(const std::string& id);
  /// The stored metadata value for `key` ("" when unset).
  [[nodiscard]] std::string metadata(const std::string& key);

  /// What names the contents this Searcher reads: the index's UUID (new on
  /// every rebuild) and revision (new on every commit), for caches derived from it.
  [[nodiscard]] std::string contents_id();
  /// Reads the newest commit of the index from now on (a long-lived reader,
  /// such as `rungs serve`, sees what writers committed or swapped in since).
  void reopen();
  /// Number of statements in the index (competencies and summaries; set-aside text not counted).
  [[nodiscard]] std::size_t document_count();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rungs::search
