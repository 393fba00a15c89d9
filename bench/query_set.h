// QuerySet: the fixed mixed query set and the pasted drafts the benchmarks send, drawn from the
// same pool, codes and products as the threads (so they find something), from their own Prng
// stream: the same seed gives the same queries whatever the thread count.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bench/error_code_pool.h"
#include "bench/sentence_pool.h"

namespace kb::bench {

// The kinds, in the order the query file's summary lists them.
inline constexpr std::array<std::string_view, 8> kQueryKinds{
    "one_word", "three_words", "pasted_question", "phrase", "error_code", "product_filter", "typo", "partial"};

struct GeneratedQuery {
    std::string_view kind;
    std::string text;  // kbsearch's query language: `"a phrase"`, `product:"Outlook" words`
};

struct Draft {
    std::string title;
    std::string text;  // 300 words
};

class QuerySet {
  public:
    QuerySet(const SentencePool& pool, const ErrorCodePool& codes, std::uint64_t seed);

    // `count` queries, each kind its share (see kQueryKindWeights in the .cpp), in shuffled order.
    std::vector<GeneratedQuery> queries(std::size_t count);
    std::vector<Draft> drafts(std::size_t count, std::size_t words = 300);

  private:
    std::string one_word();
    std::string three_words();
    std::string pasted_question();
    std::string phrase();
    std::string error_code();
    std::string product_filter();
    std::string typo();
    std::string partial();
    std::string make(std::string_view kind);

    // The searchable words of a random title of `flavour`: letters and digits only, lowered,
    // stop words dropped when `content_only`.
    std::vector<std::string> title_words(Flavour flavour, bool content_only);

    const SentencePool& pool_;
    const ErrorCodePool& codes_;
    Prng prng_;
    std::vector<const std::string*> long_questions_;  // question sentences of 15-30 words
};

}  // namespace kb::bench
