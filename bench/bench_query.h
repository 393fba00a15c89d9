// BenchQuery: one line of the query file ("kind<TAB>query"), and the closest plain equivalent of
// kbsearch's query language the peers are given: the words (a product: filter dropped), a phrase
// in Xapian's and FTS5's phrase syntax, a trailing prefix wildcard for the partial kind.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kb::bench {

struct BenchQuery {
    std::string kind;
    std::string text;  // as kbsearch is sent it
};

// Throws kb::Error on an unreadable file or a line without a tab.
std::vector<BenchQuery> read_query_file(const std::filesystem::path& file);

// The words of a query, lowered: runs of ASCII letters, digits and '_' and of bytes >= 0x80;
// a `product:"..."` (or product:word) token is dropped.
std::vector<std::string> plain_words(const BenchQuery& q);

// Xapian QueryParser text: `"w1 w2"` for a phrase, `w1 w2*` (FLAG_WILDCARD) for partial, else the words.
std::string xapian_query_text(const BenchQuery& q);
// FTS5 MATCH text: each word quoted and OR-ed; `"w1 w2"` for a phrase; `... OR "pre"*` for partial.
std::string fts5_match_text(const BenchQuery& q);

}  // namespace kb::bench
