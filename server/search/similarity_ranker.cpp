#include "server/search/similarity_ranker.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "indexer/text/stop_words.h"
#include "server/search/english_query_parser.h"

namespace kb {

SimilarityRanker::SimilarityRanker(Xapian::Database db, SimilarityParams params) : db_(std::move(db)), params_(params) {
    for (std::string_view word : kEnglishStopWords) stopper_.add(std::string(word));
    if (params_.forum_filler_words)
        for (std::string_view word : kForumFillerWords) stopper_.add(std::string(word));
}

namespace {

// A long draft leaves out its common words: those in more than 1 % of the threads (and at
// least 200). A 300-word draft was a query of a hundred words over every thread, most of them
// common ones with long posting lists and little weight: 0.4-0.5 s at 100k threads. The cut
// leaves small indexes (the corpus, the SemEval sets the ranker is tuned on) and short texts
// as they were.
constexpr std::size_t kLongDraftTerms = 30;
constexpr double kCommonShare = 0.01;
constexpr Xapian::doccount kCommonAtLeast = 200;
constexpr std::size_t kLongDraftKeptTerms = 40;

}  // namespace

// Plain words OR-ed, as Searcher::similar reads a draft: natural text, no query syntax.
Xapian::Query SimilarityRanker::text_query(const std::string& text, const std::string& prefix) const {
    Xapian::QueryParser qp = english_query_parser(db_, stemmer_, &stopper_);
    if (!prefix.empty()) qp.add_prefix("", prefix);
    const Xapian::Query words = qp.parse_query(normaliser_.fold(text), 0);
    // The parser groups a text's words and makes phrases of hyphenated ones; a long draft is
    // read as its terms, each as often as the text has it.
    std::map<std::string, Xapian::termcount> counts;
    for (auto term = words.get_terms_begin(); term != words.get_terms_end(); ++term) ++counts[*term];
    if (counts.size() <= kLongDraftTerms) return words;
    const auto common = std::max(kCommonAtLeast, static_cast<Xapian::doccount>(db_.get_doccount() * kCommonShare));
    // Of the rest, the kLongDraftKeptTerms that say most about the text (wqf x idf) are kept,
    // as Lucene's MoreLikeThis does: every further term is one more posting list to walk.
    const double documents = std::max<Xapian::doccount>(db_.get_doccount(), 1);
    std::vector<std::pair<double, std::pair<std::string, Xapian::termcount>>> telling;
    for (const auto& [term, wqf] : counts)
        if (const Xapian::doccount frequency = db_.get_termfreq(term); frequency <= common)
            telling.push_back({-(wqf * std::log(documents / std::max<Xapian::doccount>(frequency, 1))), {term, wqf}});
    if (telling.size() == counts.size() && telling.size() <= kLongDraftKeptTerms) return words;
    std::sort(telling.begin(), telling.end());
    if (telling.size() > kLongDraftKeptTerms) telling.resize(kLongDraftKeptTerms);
    std::vector<Xapian::Query> kept;
    for (const auto& [weight, term] : telling) kept.emplace_back(term.first, term.second);
    return Xapian::Query(Xapian::Query::OP_OR, kept.begin(), kept.end());
}

Xapian::Query SimilarityRanker::query(const std::string& text) const {
    // Xapian keeps stop words when nothing else is left; a draft of only "please help, anyone?"
    // would then match every thread.
    {
        Xapian::TermGenerator words_only;
        Xapian::Document scratch;
        words_only.set_document(scratch);
        words_only.index_text_without_positions(normaliser_.fold(text));
        bool telling = false;
        for (auto t = scratch.termlist_begin(); t != scratch.termlist_end() && !telling; ++t) telling = !stopper_(*t);
        if (!telling) return Xapian::Query();
    }
    Xapian::Query words = text_query(text, "");
    if (params_.title_weight > 0) {
        const Xapian::Query title = text_query(text, std::string(schema::kTitlePrefix));
        if (!title.empty())
            words = Xapian::Query(Xapian::Query::OP_OR, words,
                                  Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, params_.title_weight));
    }
    return words;
}

Xapian::BM25Weight SimilarityRanker::weighting() const { return Xapian::BM25Weight(params_.k1, 0, 1, params_.b, 0.5); }

Xapian::Query SimilarityRanker::with_feedback(const Xapian::Enquire& enquire, const Xapian::MSet& mset,
                                              const Xapian::Query& query) const {
    if (params_.expansion_terms == 0 || mset.empty()) return Xapian::Query();
    // The best few documents stand in for relevance judgements; their distinctive terms reach
    // documents that say the same thing in other words.
    Xapian::RSet feedback;
    unsigned taken = 0;
    for (auto it = mset.begin(); it != mset.end() && taken < params_.feedback_docs; ++it, ++taken)
        feedback.add_document(*it);
    // Only plain words and their stems: not ids, codes or title-prefixed copies, not stop words.
    struct WordsOnly : Xapian::ExpandDecider {
        const Xapian::Stopper* stopper;
        explicit WordsOnly(const Xapian::Stopper* s) : stopper(s) {}
        bool operator()(const std::string& term) const override {
            if (term.empty()) return false;
            const bool stem = term.rfind(schema::kStemPrefix, 0) == 0 && term.size() > 1 &&
                              std::islower(static_cast<unsigned char>(term[1]));
            if (!stem && !std::islower(static_cast<unsigned char>(term[0]))) return false;
            return !(*stopper)(stem ? term.substr(1) : term);
        }
    } decider(&stopper_);
    const Xapian::ESet eset = enquire.get_eset(params_.expansion_terms, feedback, &decider);
    std::vector<Xapian::Query> expansion;
    for (auto t = eset.begin(); t != eset.end(); ++t) expansion.emplace_back(*t);
    if (expansion.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                       Xapian::Query(Xapian::Query::OP_OR, expansion.begin(), expansion.end()),
                                       params_.expansion_weight));
}

std::map<std::string, double> SimilarityRanker::score(const std::string& text,
                                                      const std::vector<std::string>& candidate_ids) {
    std::map<std::string, double> scores;
    std::vector<Xapian::Query> ids;
    for (const std::string& id : candidate_ids) ids.emplace_back(id_term(id));
    const Xapian::Query candidates(Xapian::Query::OP_OR, ids.begin(), ids.end());

    const Xapian::Query words = query(text);
    if (words.empty()) return scores;

    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(weighting());
    const auto limit = static_cast<Xapian::doccount>(candidate_ids.size());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, words, candidates));
    Xapian::MSet mset = enquire.get_mset(0, limit);
    if (const Xapian::Query widened = with_feedback(enquire, mset, words); !widened.empty()) {
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, widened, candidates));
        mset = enquire.get_mset(0, limit);
    }
    for (auto it = mset.begin(); it != mset.end(); ++it)
        if (const std::string id = thread_id_of(it.get_document()); !id.empty()) scores[id] = it.get_weight();
    return scores;
}

std::map<std::string, double> SimilarityRanker::score_with_rarity_from(
    const Xapian::Database& collection, const std::string& text, const std::vector<std::string>& candidate_ids) const {
    std::map<std::string, double> scores;
    const Xapian::Query words = query(text);
    std::map<std::string, Xapian::termcount> asked;  // term -> its count in the text
    for (auto t = words.get_terms_begin(); t != words.get_terms_end(); ++t) ++asked[*t];
    if (asked.empty()) return scores;
    // Xapian's BM25 (BM25Weight with k2 0, k3 1), its idf from the collection's counts. As
    // Xapian does, a word in half the collection or more keeps a small positive weight rather
    // than none (odds under 2 are softened to odds / 2 + 1): in a small index most words are.
    const double documents = collection.get_doccount();
    std::map<std::string, double> idf;
    for (const auto& [term, count] : asked) {
        const double frequency = std::max<Xapian::doccount>(collection.get_termfreq(term), 1);
        double odds = std::max((documents - frequency + 0.5) / (frequency + 0.5), 1e-6);
        if (odds < 2) odds = odds / 2 + 1;
        idf[term] = std::log(odds) * 2.0 * count / (1.0 + count);
    }
    const double average = std::max(db_.get_avlength(), 1.0);
    for (const std::string& id : candidate_ids) {
        const std::string id_key = id_term(id);
        const Xapian::PostingIterator found = db_.postlist_begin(id_key);
        if (found == db_.postlist_end(id_key)) continue;
        const Xapian::Document doc = db_.get_document(*found);
        const double length = std::max(static_cast<double>(db_.get_doclength(*found)), 0.5 * average);
        const double norm = params_.k1 * ((1 - params_.b) + params_.b * length / average);
        double score = 0;
        for (const auto& [term, weight] : idf) {
            auto in_doc = doc.termlist_begin();
            in_doc.skip_to(term);
            if (in_doc == doc.termlist_end() || *in_doc != term) continue;
            const double wdf = in_doc.get_wdf();
            score += weight * (params_.k1 + 1) * wdf / (norm + wdf);
        }
        if (score > 0) scores[id] = score;
    }
    return scores;
}

std::map<std::string, double> scaled_to_best(const std::map<std::string, double>& scores) {
    double best = 0;
    for (const auto& [id, score] : scores) best = std::max(best, score);
    std::map<std::string, double> out;
    for (const auto& [id, score] : scores) out[id] = best > 0 ? score / best : 0;
    return out;
}

}  // namespace kb
