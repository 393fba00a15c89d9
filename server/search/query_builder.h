// QueryBuilder: turns an understood query (query_understanding.h) into the Xapian query a search
// runs: text through Xapian's QueryParser, synonyms, error codes, filters and exclusions.
// Not thread-safe (it holds the worker's Database): one per Searcher.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/text/error_codes.h"
#include "indexer/text/normaliser.h"
#include "server/search/query_understanding.h"

namespace kb {

// What a search runs: the query that matches and ranks, and the query whose match set the
// product facets count (empty when it is `match` itself).
struct BuiltQuery {
    Xapian::Query match;
    Xapian::Query facets;
};

class QueryBuilder {
  public:
    // Spelling is corrected by SpellingCorrector, not by the parser: see spelling_corrector.h.
    static constexpr unsigned kQueryFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                            Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_PURE_NOT;
    // Plain words only: what a stray quote or bracket falls back to, and how drafts are read.
    static constexpr unsigned kPlainFlags = 0;
    // A half-typed last word expands to at most this many of its most frequent completions.
    static constexpr Xapian::termcount kPartialExpansion = 40;
    // What one search weighs at most. A phrase is read position by position in every thread
    // holding all its words, so its cost grows with the index. Past kMaxQuotedPhrases quoted
    // phrases the quotes are dropped and the words searched (pasted questions quote freely);
    // words joined by hyphens or dots ("sign-in", "file.docx") are phrases too, so a paragraph
    // may hold more of those, up to kMaxPhrases. Words are bounded by kMaxQueryBytes already;
    // kMaxTerms stops a query of hundreds of two-letter words.
    static constexpr std::size_t kMaxQuotedPhrases = 6;
    static constexpr std::size_t kMaxPhrases = 32;
    static constexpr std::size_t kMaxTerms = 300;

    // `db`, `stemmer` and `stopper` must outlive the builder.
    QueryBuilder(const Xapian::Database& db, const Xapian::Stem& stemmer, const Xapian::Stopper& stopper);

    // The search for `text` (the understood text, or its spelling correction) with the
    // understood codes, filters and exclusions; `chosen_product_keys` are the page's product
    // choice beside the query's own product:x. `partial` matches the last word as a prefix;
    // `accepted_only` keeps threads with an accepted answer (in the facets' counts too).
    // The match query is empty when nothing searchable is left.
    BuiltQuery build(const UnderstoodQuery& understood, const std::string& text, unsigned flags, bool partial,
                     const std::vector<std::string>& chosen_product_keys, bool accepted_only = false) const;

    // Free text through Xapian's QueryParser (prefixes from the schema); a parse error falls
    // back to plain words.
    Xapian::Query text_query(const std::string& text, unsigned flags) const;

    // Other forms of any phrase in the folded text that the synonym table knows, each a phrase.
    Xapian::Query synonyms_query(const std::string& folded_text) const;

    // The codes as weighted XCODE terms, above any single word; a half-typed code matches the
    // codes it starts when `prefix_when_unknown`.
    Xapian::Query codes_query(const std::vector<ErrorCode>& codes, bool prefix_when_unknown = false) const;

    // Throws QueryError (TooComplex) when `query` holds more than kMaxPhrases phrases or
    // kMaxTerms words.
    static void check_work(const Xapian::Query& query);

    // OR of two queries, skipping empty ones.
    static Xapian::Query either(const Xapian::Query& a, const Xapian::Query& b);

  private:
    Xapian::Query with_code_words(const Xapian::Query& query, const UnderstoodQuery& understood) const;
    Xapian::Query excluded_words_query(const UnderstoodQuery& understood) const;
    Xapian::Query codes_filter(const std::vector<ErrorCode>& codes, Xapian::Query::op combine) const;

    const Xapian::Database& db_;
    const Xapian::Stem& stemmer_;
    const Xapian::Stopper& stopper_;
    Normaliser normaliser_;
};

}  // namespace kb
