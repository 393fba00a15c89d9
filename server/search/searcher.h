// Searcher: the read side over one published index. Not thread-safe (it owns a
// Xapian::Database and Enquire): give each worker thread its own.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/schema/schema.h"
#include "indexer/schema/thread_record.h"
#include "server/search/index_opener.h"
#include "server/search/query_understanding.h"
#include "server/search/result_cache.h"
#include "server/search/search_types.h"
#include "server/search/time_budget.h"

namespace kb {

class Searcher {
  public:
    // Opens the index directory. Throws IndexError when there is no index, and
    // ShardUnavailableError when a shard cannot be reached (see ShardPolicy).
    explicit Searcher(std::filesystem::path db, ShardPolicy policy = {});

    // Throws QueryError for a query or parameter the user must change.
    SearchResult search(const SearchRequest& request);

    // Threads like a pasted draft (title and body), with why each matched; among the threads
    // with the `within` ids only, when given (how `kbsearch eval` scores its candidates).
    SearchResult similar(const std::string& draft, int limit, const std::vector<std::string>& within = {});

    // Answers for a new question: the best answers across the query's best threads (or the
    // `within` threads), by AnswersForQuestion over the thread's match, the answer's learned
    // score and its own words. In searcher_answers.cpp. Throws QueryError as search() does.
    AnswersResult answers(const AnswersRequest& request);

    // Completions of the last word of `prefix_query`, most frequent first; codes included.
    std::vector<Completion> suggest(const std::string& prefix_query, int limit);

    // One thread by id. Throws NotFoundError.
    ThreadRecord thread(const std::string& id);

    // Threads sharing any of the codes, best first, excluding `except_id`.
    std::vector<SearchHit> threads_with_codes(const std::vector<ErrorCode>& codes, const std::string& except_id,
                                              int limit);

    // The other threads in the record's duplicate group.
    std::vector<SearchHit> duplicates_of(const ThreadRecord& record, int limit);

    // Switches to a newly published generation if there is one, or to the latest revision of
    // the live one (live updates). Cheap: one small file read and Xapian's revision check.
    // Heals: a remote shard whose connection died (xapian-tcpsrv's idle timeout, a restart) is
    // reconnected, and a shard left out is tried again once its back-off has passed.
    void refresh();
    // Drops every connection and opens the index again on the next refresh(): after a request
    // failed on a remote shard.
    void reconnect() { stale_ = true; }

    // How long each search(), similar() or answers() may spend matching (0: no limit). Past it,
    // the request answers with what it found, marked timed_out. Remote shards are bounded by
    // their own operation time-out instead.
    void set_time_budget(std::chrono::microseconds budget) { budget_.set_limit(budget); }

    // Searches answered from and kept in `cache`, shared with the other searchers of the same
    // index; none when null. Over remote shards nothing is cached: their changes are not seen.
    void set_result_cache(std::shared_ptr<ResultCache> cache) { cache_ = std::move(cache); }

    // The remote shards left out of this searcher's index (partial results only).
    const std::vector<std::string>& missing_shards() const { return missing_; }

    Xapian::doccount document_count() const { return db_.get_doccount(); }
    const std::string& generation() const { return generation_; }
    const std::filesystem::path& path() const { return path_; }

  private:
    void open();
    // Facets count over facet_query when it is given (the query without the chosen products).
    SearchResult run(const Xapian::Query& query, const Xapian::Query& facet_query, const SearchRequest& request);
    double weight_floor(const Xapian::Query& query) const;
    // Replaces an unanswered hit that folds a group by the group's best answered match, if any.
    void answered_member(SearchHit& hit, const Xapian::Query& query, double floor, const std::string& group);
    // Whether the query's last word is a plain word the index holds (as written or by its stem).
    bool ends_in_known_word(const std::string& query) const;
    static bool clearly_better(const SearchResult& fixed, const SearchResult& typed);
    // A pasted question or paragraph: its hits re-ranked with the duplicate finder's order.
    static std::vector<std::string> narrowing(const UnderstoodQuery& understood, const SearchRequest& request);
    static bool reads_as_question(const UnderstoodQuery& understood, const SearchRequest& request);
    void blend_with_similar(SearchResult& result, const Xapian::Query& query, const Xapian::Query& facet_query,
                            const SearchRequest& request);
    // The filter's products the index has no thread of, each with the nearest it has.
    std::vector<UnknownProduct> unknown_products(const std::vector<std::pair<std::string, std::string>>& asked) const;
    // The card of the first of `codes` the index holds; its thread ranked by `query` (filters
    // included), which `narrowed_by` describes for the page. In searcher_code_card.cpp.
    std::optional<CodeCard> code_card(const std::vector<ErrorCode>& codes, const Xapian::Query& query,
                                      const std::vector<std::string>& narrowed_by);
    std::string spelling_suggestion(const std::string& text, bool partial) const;
    // `query` held to the request's time budget (unchanged over remote shards); ranked: for a
    // pass whose hits show percentages (see TimeBudget).
    Xapian::Query bounded(const Xapian::Query& query) const { return remote_ ? query : budget_.bound(query); }
    Xapian::Query bounded_ranked(const Xapian::Query& query) const {
        return remote_ ? query : budget_.bound_ranked(query);
    }

    std::filesystem::path path_;
    ShardPolicy policy_;
    std::string generation_;
    Xapian::Database db_;
    std::vector<std::string> missing_;
    bool stale_ = false;   // the connections may be dead: open again before the next request
    bool remote_ = false;  // a shard is on xapian-tcpsrv, which cannot run the budget's posting source
    TimeBudget budget_;
    std::shared_ptr<ResultCache> cache_;
    // The cache's version this searcher's view of the index is known to belong to: read before
    // refresh() looked for changes, and kept only when it found none. None: do not use the cache.
    std::optional<std::uint64_t> cache_version_;
    SearchResult search_uncached(const SearchRequest& request);
    void check_questions();
    std::optional<Xapian::Database> questions_all_;  // schema::kQuestionsDatabase, when the index has one
    std::optional<Xapian::Database> questions_;      // the same, while it is in step with db_
    Xapian::Stem stemmer_{schema::kStemmerLanguage};
    Xapian::SimpleStopper stopper_;
    QueryUnderstanding understanding_;
    Normaliser normaliser_;
};

}  // namespace kb
