// Searcher::answers: answers for a new question (SemEval subtask C; what a moderator's query
// wants), kept apart from the typed search. Three stages: the query's best threads (the search
// with its filters, or the threads given); each thread weighed by the duplicate finder; each of
// their answers weighed by its own words, then AnswersForQuestion combines the parts with the
// learned answer score the indexer stored.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include "indexer/schema/passage_writer.h"
#include "indexer/text/errors.h"
#include "server/search/answers_for_question.h"
#include "server/search/hits.h"
#include "server/search/searcher.h"
#include "server/search/similarity_ranker.h"

namespace kb {

namespace {

// The combination, with each answer's learned score taken relative to its thread's best (0 for
// the best, the canonical and an accepted answer, below 0 for the rest): the scores of different threads are
// not on one scale, and a thread's own order is the indexer's considered judgement, which a second
// answer overturns only when it speaks to the question much more directly. On SemEval-2016 dev
// subtask C (no accepted marks there): 38.63 MAP against 37.94 with the scores as they are and the
// text-only row's sigmoid (weight 2, bias 2); the grid is in docs/eval.md.
constexpr AnswersForQuestion::Params kAnswersParams{1.0, 2.0, 0.0, 2.0, 0.2};

// An answer against the question: plain BM25 over the candidate answers, each word's rarity
// from the whole index (on SemEval-2016 dev subtask C, 37.94 MAP against 36.06 with the rarity
// among the candidates alone, before the relative scores above); the parameters tuned there
// (docs/eval.md).
constexpr SimilarityParams kAnswerSimilarity{1.2, 0.75, 0, 0, 3, 0.3, true};

std::string answer_key(std::size_t thread, std::size_t answer) {
    return std::to_string(thread) + "/" + std::to_string(answer);
}

}  // namespace

AnswersResult Searcher::answers(const AnswersRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    const int limit = request.search.limit;
    if (limit < 1 || limit > kMaxLimit)
        throw QueryError("limit must be between 1 and " + std::to_string(kMaxLimit), QueryProblem::BadParameter);
    if (request.threads < 1 || request.threads > kMaxAnswerThreads)
        throw QueryError("threads must be between 1 and " + std::to_string(kMaxAnswerThreads),
                         QueryProblem::BadParameter);
    const TimeBudget::Scope timed(budget_);
    AnswersResult result;
    result.query = request.search.query;

    // Stage 1: the threads, as the search box ranks them for this query and its filters.
    std::vector<std::string> ids = request.within;
    std::map<std::string, double> search_order;  // id -> 1 / rank, when the search found it
    std::string text = request.search.query;
    if (ids.empty()) {
        SearchRequest find = request.search;
        find.limit = request.threads;
        find.offset = 0;
        find.with_facets = false;
        find.sort = SortOrder::Relevance;
        const SearchResult found = search(find);
        result.suggestion = found.suggestion;
        result.corrected = found.corrected;
        result.missing_shards = found.missing_shards;
        result.timed_out = found.timed_out;
        if (found.corrected && found.suggestion) text = *found.suggestion;
        for (std::size_t rank = 0; rank < found.hits.size(); ++rank) {
            ids.push_back(found.hits[rank].id);
            search_order[ids.back()] = 1.0 / static_cast<double>(rank + 1);
        }
    } else {
        result.missing_shards = missing_;
    }
    if (ids.size() > static_cast<std::size_t>(request.threads)) ids.resize(static_cast<std::size_t>(request.threads));
    if (ids.empty()) return result;
    // Filters, exclusions and codes say which threads; the words say how well each answers.
    const std::string words = understanding_.understand(text).text;

    // Stage 2: each thread against the query, by the duplicate finder among these threads. A
    // query of filters or codes alone has no words to weigh them by: the search's order stands in.
    std::map<std::string, double> thread_match = search_order;
    if (words.find_first_not_of(" \t\r\n\"()") != std::string::npos) {
        try {
            std::map<std::string, double> by_finder;
            for (const SearchHit& hit : similar(words, static_cast<int>(ids.size()), ids).hits)
                by_finder[hit.id] = hit.score;
            if (!by_finder.empty()) thread_match = std::move(by_finder);
        } catch (const QueryError& e) {
            if (e.problem() != QueryProblem::Empty) throw;  // only stop words: keep the search's order
        }
    }

    // Stage 3: every answer of those threads against the query, and its stored quality.
    std::vector<ThreadRecord> records;
    records.reserve(ids.size());
    for (const std::string& id : ids) {
        // A thread deleted by a live update between the search and this read is left out, as
        // the next search would leave it out.
        try {
            records.push_back(thread(id));
        } catch (const NotFoundError&) {
        }
    }
    std::vector<std::pair<std::string, std::string>> passages;
    for (std::size_t t = 0; t < records.size(); ++t)
        for (std::size_t a = 0; a < records[t].thread.answers.size(); ++a)
            if (!records[t].thread.answers[a].body.empty())
                passages.emplace_back(answer_key(t, a), records[t].thread.answers[a].body);
    std::map<std::string, double> own_match;
    if (!passages.empty() && words.find_first_not_of(" \t\r\n\"()") != std::string::npos) {
        std::vector<std::string> keys;
        for (const auto& [key, body] : passages) keys.push_back(key);
        own_match =
            SimilarityRanker(index_passages(passages), kAnswerSimilarity).score_with_rarity_from(db_, words, keys);
    }
    std::vector<AnswerCandidate> candidates;
    for (std::size_t t = 0; t < records.size(); ++t) {
        const ThreadRecord& record = records[t];
        const auto thread_score = thread_match.find(record.thread.id);
        double best = std::numeric_limits<double>::lowest();
        for (std::size_t a = 0; a < record.thread.answers.size(); ++a)
            if (const std::optional<double> quality = record.quality(static_cast<int>(a)))
                best = std::max(best, *quality);
        for (std::size_t a = 0; a < record.thread.answers.size(); ++a) {
            const Answer& answer = record.thread.answers[a];
            if (answer.body.empty()) continue;
            const std::optional<double> quality = record.quality(static_cast<int>(a));
            // A record from before answer scores were stored has only its canonical answer as
            // the thread's best; the others stand one unit below it.
            double below_best = static_cast<int>(a) == record.canonical.index ? 0 : -1;
            if (!record.notes.empty()) {
                if (!quality) continue;
                // The canonical answer counts as the best too: the pick puts a thanks-only reply
                // last whatever the model gave it.
                below_best = answer.accepted || static_cast<int>(a) == record.canonical.index ? 0 : *quality - best;
            }
            const std::string key = answer_key(t, a);
            const auto own = own_match.find(key);
            candidates.push_back({key, thread_score == thread_match.end() ? 0 : thread_score->second, below_best,
                                  own == own_match.end() ? 0 : own->second});
        }
    }
    result.threads = static_cast<unsigned>(records.size());
    for (const RankedAnswer& ranked : AnswersForQuestion(kAnswersParams).rank(candidates)) {
        if (result.answers.size() >= static_cast<std::size_t>(limit)) break;
        const std::size_t slash = ranked.id.find('/');
        const ThreadRecord& record = records[std::stoul(ranked.id.substr(0, slash))];
        const int index = std::stoi(ranked.id.substr(slash + 1));
        AnswerHit& hit = result.answers.emplace_back();
        hit.thread_id = record.thread.id;
        hit.thread_title = record.thread.title;
        hit.products = record.thread.product_path;
        hit.date = record.thread.date;
        hit.answer = answer_view(record, index);
        hit.canonical = index == record.canonical.index;
        hit.score = ranked.score;
        hit.thread_match = ranked.thread;
        // Shown as 1 for the thread's best (or accepted) answer, less the further below it.
        hit.quality = std::min(1.0, ranked.quality * (1 + std::exp(-kAnswersParams.answer_bias)));
        hit.own_match = ranked.own;
    }
    result.timed_out = result.timed_out || budget_.cut();
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace kb
