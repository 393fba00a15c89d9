// The searcher's request and result types, shared by the CLI and the HTTP layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kb {

// How hits are ordered: by relevance, or newest thread first among the relevant ones.
enum class SortOrder { Relevance, Newest };

struct SearchRequest {
    std::string query;
    std::vector<std::string> products;  // filter: any of these products (names or keys)
    int limit = 10;
    int offset = 0;
    bool with_facets = true;
    // As-you-type: the last word is matched as a prefix and never spell-corrected ("authen").
    bool partial = false;
    // One hit per duplicate group, its best match; SearchHit::similar counts the others.
    bool collapse = true;
    SortOrder sort = SortOrder::Relevance;
    bool accepted_only = false;  // only threads with an accepted answer
};

inline constexpr int kMaxLimit = 100;
inline constexpr int kMaxOffset = 10000;

struct AnswerView {
    int index = -1;
    std::string text;             // in a hit, its first kHitAnswerBytes: see text_truncated
    bool text_truncated = false;  // the thread holds the rest; `copy` is never cut
    std::string copy;             // what a moderator pastes: ThreadRecord::copy_text(), never a placeholder
    std::string role;             // "staff_moderator", "user", "ai", ...
    std::string role_name;        // "Staff moderator", "Community member", ...: for display
    std::string role_label;
    std::string why;
    bool ai = false;
    bool accepted = false;
    int helpful = 0;
};

struct SearchHit {
    std::string id;
    std::string title;
    double score = 0;
    int percent = 0;
    std::string title_html;  // the title HTML-escaped, matches in <mark>
    std::string snippet;     // HTML-escaped, matches in <mark>
    std::vector<std::string> products;
    std::vector<std::string> error_codes;
    std::string date;
    std::optional<AnswerView> answer;
    unsigned similar = 0;                   // search(): matching threads of its duplicate group folded into it
    std::string group;                      // its duplicate group, "" for none (not sent)
    std::vector<std::string> matched;       // similar(): key terms shared with the draft
    std::vector<std::string> shared_codes;  // similar(): codes shared with the draft
    bool same_product = false;              // similar(): draft named this thread's product
};

struct Facet {
    std::string value;
    unsigned count = 0;
};

// What the index knows of an error code the query holds: shown above the results, so a
// moderator typing a code gets its answer at once.
struct CodeCard {
    std::string code;                 // as users write it: "AADSTS500121"
    unsigned threads = 0;             // threads that have it
    std::vector<Facet> products;      // their products, most threads first
    std::optional<SearchHit> thread;  // its best answered thread for the query, with the canonical answer
    // What is true under the query's filters, so an empty list is never read as "unanswered":
    unsigned matching = 0;                 // the code's threads the query matches, filters and all
    std::optional<unsigned> answered;      // the code's threads with an answer; counted only without `thread`
    std::vector<std::string> narrowed_by;  // the rest of the query: "product:outlook", "\"send receive\""...
};

// A product filter (product:x or the product parameter) that names no product of the index,
// with the products it may have meant, nearest first.
struct UnknownProduct {
    std::string product;               // as asked for
    std::vector<std::string> nearest;  // product keys, usable as product:key
};

struct SearchResult {
    std::string query;
    unsigned total = 0;                     // Xapian's estimate of all matches
    std::optional<std::string> suggestion;  // "did you mean", or what was searched when corrected
    // The hits are for the suggestion: words the index does not know were read as their
    // correction (one edit from 5 letters, two from 9), which found clearly better matches.
    bool corrected = false;
    std::vector<SearchHit> hits;
    std::vector<Facet> facets;      // over the match set without the product filter
    bool facets_estimated = false;  // counted on the best matches only, scaled to the total
    std::optional<CodeCard> code_card;
    std::vector<UnknownProduct> unknown_products;  // search(): the first known code in the query, on the first page
    // Remote shards that did not answer, when the server allows partial results: the hits and
    // totals are those of the other shards only.
    std::vector<std::string> missing_shards;
    // The request used up its time budget (`serve --search-budget-ms`): a matcher pass stopped
    // with the best matches it had found, or a stage after it (typo correction, the pasted-
    // question blend, the code card) was left out. Hits and total are then a lower bound.
    bool timed_out = false;
    double took_ms = 0;
};

// Answers for a new question (Searcher::answers): the best answers across the query's best
// threads, each scored by AnswersForQuestion.
struct AnswersRequest {
    SearchRequest search;  // the query and its filters; `limit` is how many answers (collapse, sort unused)
    int threads = 10;      // the answers come from this many of the query's best threads
    // These threads instead of the search's (how `kbsearch eval` gives SemEval's candidates).
    std::vector<std::string> within;
};

inline constexpr int kMaxAnswerThreads = 30;

struct AnswerHit {
    std::string thread_id;
    std::string thread_title;
    std::vector<std::string> products;
    std::string date;   // the thread's
    AnswerView answer;  // `why` is the thread's reason when this is its canonical answer
    bool canonical = false;
    double score = 0;         // AnswersForQuestion's: the product of the three parts below
    double thread_match = 0;  // the thread against the query, 1 for the best thread
    double quality = 0;       // the learned answer score against its thread's: 1 for its best or accepted answer
    double own_match = 0;     // the answer's own words against the query, 1 for the best answer
};

struct AnswersResult {
    std::string query;
    std::optional<std::string> suggestion;  // as in SearchResult: the threads were found for it
    bool corrected = false;
    unsigned threads = 0;  // threads the answers were drawn from
    std::vector<AnswerHit> answers;
    std::vector<std::string> missing_shards;
    bool timed_out = false;  // as in SearchResult
    double took_ms = 0;
};

struct Completion {
    std::string text;  // the whole query with its last word completed
    std::string kind;  // "word" or "code"
    unsigned frequency = 0;
};

}  // namespace kb
