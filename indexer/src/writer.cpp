// Writing ladders into an open index (see writer.h): the documents, their
// spelling words and synonyms, the stored ladders, and the one transaction
// and commit each run makes.

#include "writer.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "facet_column_writer.h"
#include "fail_point.h"
#include "rungs/analysis/analyzer.h"
#include "rungs/analysis/thesaurus.h"
#include "rungs/analysis/xapian_terms.h"
#include "rungs/corpus/error.h"
#include "rungs/indexer/records.h"
#include "rungs/indexer/schema.h"
#include "rungs/indexer/xapian_errors.h"

namespace rungs::indexer {
namespace {

namespace fs = std::filesystem;
using corpus::Ladder;
using corpus::StatementKind;

std::string ladder_key(const std::string& id) { return std::string(schema::kMetaLadderPrefix) + id; }

// Whether text is ranked: competencies and summaries, not set-aside boilerplate.
bool is_indexed(StatementKind kind) { return kind != StatementKind::boilerplate; }

std::string rebuild_advice(const fs::path& db) {
  return fmt::format("run `rungs index --rebuild` (or delete {})", db.string());
}

}  // namespace

Xapian::WritableDatabase open_writable(const fs::path& db, int action) {
  try {
    return Xapian::WritableDatabase(db.string(), action | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::Error&) {
    if (action == Xapian::DB_OPEN && !fs::exists(db)) {
      throw IndexError(fmt::format("no index at {}: run `rungs index` first", db.string()));
    }
    rethrow_opening_error(db.string());
  }
}

namespace {

// Refuses an index of another schema version; stamps a new, empty one.
void check_schema(Xapian::WritableDatabase& wdb, const fs::path& db) {
  const std::string version = wdb.get_metadata(std::string(schema::kMetaSchema));
  const std::string expected = std::to_string(schema::kVersion);
  if (version == expected) return;
  if (version.empty()) {
    if (wdb.get_doccount() == 0 && wdb.metadata_keys_begin() == wdb.metadata_keys_end()) {
      wdb.set_metadata(std::string(schema::kMetaSchema), expected);
      return;
    }
    throw IndexError(fmt::format("{} is not a rungs index (no schema version): {}", db.string(), rebuild_advice(db)));
  }
  throw IndexError(fmt::format("index {} has schema version {} but this rungs uses version {}: {}", db.string(),
                               version, expected, rebuild_advice(db)));
}

// Adds each pair whose synonym the index holds (an expansion to nothing
// only costs time).
// Every pair is also kept in the metadata, for readers of remote shards.
void add_synonyms_held(Xapian::WritableDatabase& wdb, const SynonymPairs& synonyms) {
  std::map<std::string, std::set<std::string>> by_term;
  for (const auto& [term, synonym] : synonyms) {
    if (wdb.term_exists(synonym)) wdb.add_synonym(term, synonym);
    by_term[term].insert(synonym);
  }
  for (auto& [term, added] : by_term) {
    const std::string key = std::string(schema::kMetaSynonymPrefix) + term;
    std::set<std::string> all = stored_synonyms(wdb.get_metadata(key));
    const std::size_t before = all.size();
    all.merge(added);
    if (all.size() != before) wdb.set_metadata(key, store_synonyms(all));
  }
}

// Counts one more commit (schema::kMetaCommit).
void count_commit(Xapian::WritableDatabase& wdb) {
  const std::string key(schema::kMetaCommit);
  const std::string count = wdb.get_metadata(key);
  unsigned long long n = 0;
  std::from_chars(count.data(), count.data() + count.size(), n);  // unreadable counts as none
  wdb.set_metadata(key, std::to_string(n + 1));
}

// Translates the Xapian errors of writing index `db`.
template <typename Body>
void translating_errors(const fs::path& db, Body&& body) {
  try {
    body();
  } catch (const Xapian::Error&) {
    rethrow_writing_error(db.string());
  }
}

// After a commit: a column that fails is only stale (searches ignore it).
void write_column_after_commit(const Xapian::WritableDatabase& wdb, const fs::path& db) {
  try {
    write_facet_column(wdb, db);
  } catch (const Xapian::Error& e) {
    throw IndexError(
        fmt::format("the index {} was written, but not its facet column ({}); searches stay exact but "
                    "slower until the next `rungs index`",
                    db.string(), e.get_description()));
  }
}

class Writer {
 public:
  explicit Writer(Xapian::WritableDatabase& wdb)
      : wdb_(wdb),
        fresh_(wdb.get_doccount() == 0 && wdb.metadata_keys_begin(std::string(schema::kMetaLadderPrefix)) ==
                                              wdb.metadata_keys_end(std::string(schema::kMetaLadderPrefix))) {
    generator_.set_stemmer(Xapian::Stem(std::string(analysis::kStemmer)));
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
    generator_.set_stopper(
        (new Xapian::SimpleStopper(analysis::stopwords().begin(), analysis::stopwords().end()))->release());
    // Stopwords get their stems too: QueryParser stems every word of a phrase
    // or hyphenated word, so "on-call" and "on call" in quotes look for the
    // stem of "on" beside "call" (with Xapian's default, STOP_STEMMED, they
    // found nothing). Outside phrases the parser drops stopwords as before.
    generator_.set_stopper_strategy(Xapian::TermGenerator::STOP_NONE);
  }

  // Removes ladder `id`'s documents, spelling words and metadata; returns
  // whether anything was there.
  bool erase_ladder(const std::string& id) {
    const std::string term = schema::filter_term(schema::kPrefixLadder, id);
    const std::string stored = wdb_.get_metadata(ladder_key(id));
    const bool indexed = wdb_.term_exists(term);
    if (!stored.empty()) {
      try {
        const Ladder old = stored_ladder(stored, ladder_key(id));
        for (const auto& level : old.levels) {
          for (const auto& statement : level.statements) {
            if (is_indexed(statement.kind)) update_spelling(analyzer_.words(statement.text), false);
          }
        }
      } catch (const rungs::Error&) {
        // Unreadable old entry: its spelling words stay; harmless.
      }
      wdb_.set_metadata(ladder_key(id), "");
    }
    // Deleting by term flushes every buffered position list first (Glass),
    // which costs a lot when done per ladder: only delete what is there.
    if (indexed) wdb_.delete_document(term);
    return indexed || !stored.empty();
  }

  void write_ladder(const Ladder& ladder) {
    if (ladder.id.empty()) throw IndexError("cannot index a ladder without an id");
    // A fresh index holds nothing to replace, unless the same id comes twice.
    const bool repeated = !written_ids_.insert(ladder.id).second;
    if (!fresh_ || repeated) erase_ladder(ladder.id);
    for (const auto& level : ladder.levels) {
      for (std::size_t n = 0; n < level.statements.size(); ++n) {
        const auto& statement = level.statements[n];
        // Set-aside text is indexed too, so that every line read stays
        // findable (`kind:boilerplate`); search leaves it out unless asked.
        const Xapian::Document doc = make_document(ladder, level, statement, n);
        wdb_.add_document(doc);
        if (is_indexed(statement.kind)) {
          // The words the generator just indexed: the text is analysed once.
          const auto words = analysis::positioned_words(doc);
          update_spelling(words, true);
          collect_synonyms(words);
          ++stats.documents;
        } else {
          ++stats.set_aside;
        }
      }
    }
    wdb_.set_metadata(ladder_key(ladder.id), store_ladder(ladder));
    ++stats.ladders;
  }

  // Adds the synonyms collected from the ladders written, keeping
  // those that occur in the index (an expansion to nothing only costs time).
  // Synonyms are only ever added: one left by a removed ladder is harmless.
  void add_synonyms() { add_synonyms_held(wdb_, synonyms_); }

  // The synonyms collected, for a shard that leaves them to the merge.
  [[nodiscard]] SynonymPairs take_synonyms() { return std::move(synonyms_); }

  IndexStats stats;

 private:
  // The thesaurus' synonyms of each indexed word (curated groups, WordNet
  // first senses), as stemmed terms and both ways round, so that a query
  // for "train" also finds "coach" (FLAG_AUTO_SYNONYMS).
  void collect_synonyms(const std::vector<std::string>& words) {
    for (const auto& word : words) {
      if (stop_.count(word) != 0 || word.size() < 3 || !seen_words_.insert(word).second) continue;
      const std::string term = analysis::stemmed_term(stemmer_, word);
      for (const auto& synonym : thesaurus_.synonyms(word)) {
        const std::string other = analysis::stemmed_term(stemmer_, synonym);
        if (other == term) continue;
        synonyms_.emplace(term, other);
        synonyms_.emplace(other, term);  // a query for "train" finds "coach" too
      }
    }
  }

  Xapian::Document make_document(const Ladder& ladder, const corpus::Level& level, const corpus::Statement& statement,
                                 std::size_t n) {
    Xapian::Document doc;
    generator_.set_document(doc);
    generator_.set_termpos(0);
    generator_.index_text(analysis::normalize(statement.text));
    generator_.increase_termpos();

    const std::string level_key = ladder.id + "/" + level.id;
    const std::string kind = corpus::to_string(statement.kind);
    doc.add_boolean_term(schema::id_term(ladder.id, level.id, n));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixFramework, ladder.framework));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixLadder, ladder.id));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixLevel, level.id));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixLevel, level_key));
    if (!statement.area.empty()) {
      doc.add_boolean_term(schema::filter_term(schema::kPrefixArea, statement.area));
    }
    doc.add_boolean_term(schema::filter_term(schema::kPrefixTrack, level.track));
    doc.add_boolean_term(schema::filter_term(schema::kPrefixKind, kind));

    doc.add_value(schema::kSlotFacets, pack_facets({.framework = ladder.framework,
                                                    .ladder = ladder.id,
                                                    .level = level_key,
                                                    .area = statement.area,
                                                    .track = level.track,
                                                    .kind = kind}));

    const nlohmann::json record = {
        {"framework", ladder.framework},
        {"ladder", ladder.id},
        {"level", level.id},
        {"level_title", level.title},
        {"level_rank", level.rank},
        {"area", statement.area},
        {"kind", kind},
        {"text", statement.text},
        {"source", statement.source},
        {"line", statement.line},
        {"n", n},
    };
    doc.add_value(schema::kSlotRecord, record.dump());
    return doc;
  }

  // Adds (or takes back) one spelling occurrence per word of an indexed
  // statement, stopwords and numbers left out, so that re-indexing keeps
  // frequencies exact.
  void update_spelling(const std::vector<std::string>& words, bool add) {
    for (const auto& word : words) {
      if (stop_.count(word) != 0 || word.size() < 2) continue;
      if (word.find_first_of("0123456789") != std::string::npos) continue;
      if (add) {
        wdb_.add_spelling(word);
      } else {
        wdb_.remove_spelling(word);
      }
    }
  }

  Xapian::WritableDatabase& wdb_;
  bool fresh_;  ///< the index held no ladder when the run began
  std::set<std::string> written_ids_;
  analysis::Thesaurus thesaurus_;
  Xapian::Stem stemmer_{std::string(analysis::kStemmer)};
  std::set<std::string> seen_words_;
  SynonymPairs synonyms_;
  Xapian::TermGenerator generator_;
  analysis::Analyzer analyzer_;
  std::set<std::string> stop_{analysis::stopwords().begin(), analysis::stopwords().end()};
};

// What a committed run wrote: its counts, and for a shard the synonym
// pairs it met, which the merge adds.
struct Written {
  IndexStats stats;
  SynonymPairs synonyms;
};

// Runs `body(writer)` in one transaction on an open database and commits
// once. A whole index gets its synonyms and its facet column; a shard
// leaves both to the merge.
template <typename Body>
Written write_committed(Xapian::WritableDatabase& wdb, const fs::path& db, const IndexOptions& options, bool whole,
                        Body&& body) {
  Written out;
  wdb.begin_transaction(false);
  try {
    Writer writer(wdb);
    check_schema(wdb, db);
    body(writer);
    if (whole) {
      writer.add_synonyms();
    } else {
      out.synonyms = writer.take_synonyms();
    }
    if (!options.fingerprint.empty()) {
      wdb.set_metadata(std::string(schema::kMetaFingerprint), options.fingerprint);
    }
    count_commit(wdb);
    fail_point("before-commit");
    wdb.commit_transaction();
    fail_point("after-commit");
    wdb.commit();
    out.stats = writer.stats;
  } catch (...) {
    try {
      wdb.cancel_transaction();
    } catch (const Xapian::Error&) {
    }
    translating_errors(db, [] { throw; });
  }
  if (whole) write_column_after_commit(wdb, db);
  return out;
}

// Removes `options.remove`, then writes `ladders`, reporting progress.
void write_all(Writer& writer, std::span<const Ladder> ladders, const IndexOptions& options) {
  for (const auto& id : options.remove) {
    const bool written = std::any_of(ladders.begin(), ladders.end(), [&](const Ladder& l) { return l.id == id; });
    if (!writer.erase_ladder(id) && !written) {
      throw QueryError(fmt::format("no ladder '{}' to remove; nothing was written", id));
    }
    fail_point("ladder-removed");
  }
  IndexProgress progress;
  progress.ladders_total = ladders.size();
  for (const auto& ladder : ladders) progress.statements_total += corpus::statement_count(ladder);
  for (const auto& ladder : ladders) {
    writer.write_ladder(ladder);
    fail_point("ladder-written");
    ++progress.ladders_done;
    progress.statements_done += corpus::statement_count(ladder);
    progress.ladder = ladder.id;
    if (options.progress) options.progress(progress);
  }
  progress.ladder.clear();
  progress.committing = true;
  if (options.progress) options.progress(progress);
}

}  // namespace

IndexStats write_ladders(Xapian::WritableDatabase& wdb, const fs::path& db, std::span<const Ladder> ladders,
                         const IndexOptions& options) {
  return write_committed(wdb, db, options, true, [&](Writer& writer) { write_all(writer, ladders, options); }).stats;
}

IndexStats write_shard(Xapian::WritableDatabase& wdb, const fs::path& db, std::span<const Ladder> ladders,
                       const IndexOptions& options, SynonymPairs& synonyms) {
  Written written =
      write_committed(wdb, db, options, false, [&](Writer& writer) { write_all(writer, ladders, options); });
  synonyms = std::move(written.synonyms);
  return written.stats;
}

void finish_merge(Xapian::WritableDatabase& wdb, const fs::path& db, const SynonymPairs& synonyms) {
  translating_errors(db, [&] {
    wdb.begin_transaction(false);
    add_synonyms_held(wdb, synonyms);
    count_commit(wdb);
    wdb.commit_transaction();
    wdb.commit();
  });
  write_column_after_commit(wdb, db);
}

bool remove_ladder_committed(Xapian::WritableDatabase& wdb, const fs::path& db, const std::string& ladder_id) {
  bool removed = false;
  write_committed(wdb, db, IndexOptions{}, true, [&](Writer& writer) { removed = writer.erase_ladder(ladder_id); });
  return removed;
}

}  // namespace rungs::indexer
