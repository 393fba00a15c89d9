// Searcher::similar: the writers' duplicate finder, kept apart from the typed-search code in
// searcher.cpp. It ranks with SimilarityRanker, the ranker `kbsearch eval` scores (docs/eval.md).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"
#include "server/search/hits.h"
#include "server/search/query_builder.h"
#include "server/search/searcher.h"
#include "server/search/similarity_ranker.h"

namespace kb {

namespace {

// similar(): the whole-thread ranking's best this many are re-ordered with the question part.
constexpr int kSimilarPool = 50;
// A draft is read this far: its title and first paragraphs say what it is about, and every word
// past them would be one more search term (a 32 KB paste took seconds and hundreds of MB).
constexpr std::size_t kDraftReadBytes = 4 * 1024;
// similar(): at most this many shared words are given as a reason, each in under 1/4 of threads.
constexpr std::size_t kReasonMaxWords = 6;
constexpr Xapian::doccount kReasonMaxShare = 4;

// Whether `phrase` occurs in `text` as whole words (both folded).
bool contains_words(const std::string& text, const std::string& phrase) {
    if (phrase.empty()) return false;
    auto is_word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
    for (auto at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) {
        const std::size_t end = at + phrase.size();
        const bool starts = at == 0 || !is_word(static_cast<unsigned char>(text[at - 1]));
        const bool ends = end == text.size() || !is_word(static_cast<unsigned char>(text[end]));
        if (starts && ends) return true;
    }
    return false;
}

}  // namespace

SearchResult Searcher::similar(const std::string& whole_draft, int limit, const std::vector<std::string>& within) {
    const auto started = std::chrono::steady_clock::now();
    if (limit < 1 || limit > kMaxLimit)
        throw QueryError("limit must be between 1 and " + std::to_string(kMaxLimit), QueryProblem::BadParameter);
    if (!Normaliser::is_valid_utf8(whole_draft)) throw QueryError("text is not valid UTF-8");
    const std::string draft(leading_part(whole_draft, kDraftReadBytes));
    const std::string folded = normaliser_.fold(draft);
    if (folded.find_first_not_of(" \t\r\n") == std::string::npos)
        throw QueryError("text is empty", QueryProblem::Empty);
    const TimeBudget::Scope timed(budget_);

    const std::vector<ErrorCode> draft_codes = ErrorCodes().extract(normaliser_.clean(draft));
    // Draft words by stem, so the reasons can show words the writer used.
    std::map<std::string, std::string> word_of_stem;
    std::set<std::string> draft_words;
    {
        Xapian::TermGenerator tg;
        Xapian::Document scratch;
        tg.set_document(scratch);
        tg.set_stemmer(stemmer_);
        tg.set_stopper(&stopper_);
        tg.index_text(folded);
        for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t) {
            const std::string term = *t;
            if (term.empty() || term.rfind(schema::kStemPrefix, 0) == 0 || stopper_(term)) continue;
            word_of_stem.emplace(stemmer_(term), term);
            draft_words.insert(term);
        }
    }
    // The same ranker `kbsearch eval` scores on SemEval subtask B, plus synonyms and codes.
    const SimilarityRanker ranker(db_, kDraftSimilarity);
    const QueryBuilder builder(db_, stemmer_, stopper_);
    const Xapian::Query text = QueryBuilder::either(ranker.query(draft), builder.synonyms_query(folded));
    const Xapian::Query codes = builder.codes_query(draft_codes);
    const Xapian::Query query = QueryBuilder::either(text, codes);
    if (query.empty()) throw QueryError("text has no searchable words", QueryProblem::Empty);
    std::vector<Xapian::Query> within_terms;
    for (const std::string& id : within) within_terms.emplace_back(id_term(id));
    const Xapian::Query only(Xapian::Query::OP_OR, within_terms.begin(), within_terms.end());
    auto restricted = [&](const Xapian::Query& q) {
        return within_terms.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, only);
    };

    // The whole-thread ranking picks a pool; the question part re-orders it.
    const auto pool = static_cast<Xapian::doccount>(within.empty() ? std::max(limit, kSimilarPool) : limit);
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(ranker.weighting());
    enquire.set_query(bounded_ranked(restricted(query)));
    Xapian::MSet mset = enquire.get_mset(0, pool);
    const Xapian::Query widened = budget_.spent() ? Xapian::Query() : ranker.with_feedback(enquire, mset, query);
    if (!widened.empty()) {
        enquire.set_query(bounded_ranked(restricted(widened)));
        mset = enquire.get_mset(0, pool);
    }
    std::vector<std::pair<Xapian::MSetIterator, double>> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it) ranked.emplace_back(it, it.get_weight());
    if (questions_ && !ranked.empty()) {
        std::vector<std::string> ids;
        for (const auto& [it, weight] : ranked) ids.push_back(thread_id_of(it.get_document()));
        const double best_thread = ranked.front().second;
        const std::map<std::string, double> by_question =
            scaled_to_best(SimilarityRanker(*questions_, kQuestionSimilarity).score(draft, ids));
        for (std::size_t i = 0; i < ranked.size(); ++i) {
            const auto found = by_question.find(ids[i]);
            const double question = found == by_question.end() ? 0 : found->second;
            ranked[i].second = (best_thread > 0 ? ranked[i].second / best_thread : 0) + kQuestionPartWeight * question;
        }
        std::stable_sort(ranked.begin(), ranked.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
    }
    if (ranked.size() > static_cast<std::size_t>(limit)) ranked.resize(static_cast<std::size_t>(limit));
    // Xapian's percent for the first hit, scaled down the new order, so percent follows it.
    const int top_percent = ranked.empty() ? 0 : ranked.front().first.get_percent();
    const double top_score = ranked.empty() ? 0 : ranked.front().second;
    SearchResult result;
    // The draft is not echoed back: it may hold names the scrubber cannot know.
    result.total = mset.get_matches_estimated();
    const Xapian::doccount documents = std::max<Xapian::doccount>(db_.get_doccount(), 1);
    for (const auto& [it, combined] : ranked) {
        SearchHit hit = make_hit(it, mset, stemmer_);
        hit.score = combined;
        hit.percent = top_score > 0 ? static_cast<int>(std::lround(top_percent * combined / top_score)) : 0;
        // The shared words worth showing are what the thread is about: rare in the index
        // ("help" or "weeks" in half the threads explain nothing) and frequent in the thread
        // ("someone" said once explains nothing either), so they are ranked by wdf x idf.
        const Xapian::Document doc = it.get_document();
        std::vector<std::pair<double, std::string>> shared;
        std::set<std::string> shown;
        for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
            const std::string term = *t;
            if (term.rfind(schema::kErrorCodePrefix, 0) == 0) continue;
            const Xapian::doccount frequency = std::max<Xapian::doccount>(db_.get_termfreq(term), 1);
            if (frequency * kReasonMaxShare > documents) continue;
            auto in_doc = doc.termlist_begin();
            in_doc.skip_to(term);
            const double wdf = in_doc != doc.termlist_end() && *in_doc == term ? in_doc.get_wdf() : 1;
            // Only the draft's own words: not feedback terms, not title-prefixed copies.
            const std::string stem =
                term.rfind(schema::kStemPrefix, 0) == 0 ? term.substr(schema::kStemPrefix.size()) : term;
            const auto found = word_of_stem.find(stem);
            const bool draft_word = found != word_of_stem.end() || draft_words.count(term) > 0;
            if (!draft_word) continue;
            const std::string word = found != word_of_stem.end() ? found->second : term;
            if (word.size() > 2 && !ranker.stopper()(word) && shown.insert(word).second)
                shared.emplace_back(wdf * std::log(static_cast<double>(documents) / frequency), word);
        }
        std::stable_sort(shared.begin(), shared.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (std::size_t i = 0; i < shared.size() && i < kReasonMaxWords; ++i) hit.matched.push_back(shared[i].second);

        const ThreadRecord record = parse_record(doc.get_data());
        for (const ErrorCode& mine : draft_codes)
            for (const ErrorCode& theirs : record.codes)
                if (mine.keys.front() == theirs.keys.front() ||
                    std::find(theirs.keys.begin(), theirs.keys.end(), mine.keys.back()) != theirs.keys.end())
                    hit.shared_codes.push_back(theirs.display);
        // The product is the breadcrumb's second level ("Outlook", "Microsoft Authenticator");
        // the first ("Microsoft 365 and Office") and later ones ("For business") say too little.
        if (record.thread.product_path.size() >= 2) {
            std::string product = normaliser_.fold(record.thread.product_path[1]);
            if (product.rfind("microsoft ", 0) == 0) product.erase(0, 10);  // "authenticator" names it
            hit.same_product = contains_words(folded, product);
        }
        result.hits.push_back(std::move(hit));
    }
    result.missing_shards = missing_;
    result.timed_out = budget_.cut();
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace kb
