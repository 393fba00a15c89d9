// Searcher::code_card: what the index knows of an error code the query holds, true under the
// query's own filters: its threads and products, the best answered match, and, when the filters
// leave no answered match, how many of the code's threads match and how many are answered.
#include <algorithm>
#include <cmath>

#include "indexer/schema/schema.h"
#include "server/search/facet_counts.h"
#include "server/search/hits.h"
#include "server/search/query_builder.h"
#include "server/search/searcher.h"

namespace kb {

namespace {

constexpr unsigned kCardProducts = 5;
// The best matches made into hits first; past them, records are only read for an answer.
constexpr Xapian::doccount kCandidates = 5;

bool answered(const Xapian::Document& doc) { return parse_record(doc.get_data()).canonical.index >= 0; }

}  // namespace

// Costs: one counting pass over the code's threads (a spy, bounded by kFacetCheckAtLeast), one
// query for the best match under the filters. Only when none of its first kCandidates has an
// answer are records read: up to kFacetCheckAtLeast of the matches for an answered one, then
// as many of the code's threads to count the answered (scaled to the total past them).
std::optional<CodeCard> Searcher::code_card(const std::vector<ErrorCode>& codes, const Xapian::Query& query,
                                            const std::vector<std::string>& narrowed_by) {
    const QueryBuilder builder(db_, stemmer_, stopper_);
    const Xapian::doccount check_at_least = std::min(db_.get_doccount(), kFacetCheckAtLeast);
    for (const ErrorCode& code : codes) {
        const Xapian::Query having = builder.codes_query({code});
        // A code no thread has (a half-typed one, a number that is only a word) gets no card.
        if (std::none_of(code.keys.begin(), code.keys.end(), [&](const std::string& key) {
                return db_.term_exists(std::string(schema::kErrorCodePrefix) + key);
            }))
            continue;
        CodeCard card;
        card.code = code.display;
        card.narrowed_by = narrowed_by;
        const Xapian::Query all_of_them(Xapian::Query::OP_SCALE_WEIGHT, having, 0.0);
        {
            Xapian::Enquire all(db_);
            all.set_query(bounded(all_of_them));
            Xapian::ValueCountMatchSpy spy(schema::kSlotFacet);
            all.add_matchspy(&spy);
            const Xapian::MSet counted = all.get_mset(0, 0, check_at_least);
            card.threads = counted.get_matches_estimated();
            // A code on more threads than the spy saw: its counts scaled to them, as facets are.
            const FacetCounts counts = count_facets(spy);
            const double scale = counts.seen > 0 && card.threads > counts.seen ? card.threads / counts.seen : 1.0;
            for (const auto& [label, n] : counts.threads)
                card.products.push_back(Facet{label, static_cast<unsigned>(std::lround(n * scale))});
            std::stable_sort(card.products.begin(), card.products.end(),
                             [](const Facet& a, const Facet& b) { return a.count > b.count; });
            if (card.products.size() > kCardProducts) card.products.resize(kCardProducts);
        }
        // The query's best match among the code's threads that has an answer to give.
        Xapian::Enquire best(db_);
        best.set_query(bounded_ranked(Xapian::Query(Xapian::Query::OP_FILTER, query, having)));
        Xapian::MSet mset = best.get_mset(0, kCandidates, check_at_least);
        card.matching = mset.get_matches_estimated();
        auto take = [&](const Xapian::MSetIterator& it) {
            SearchHit hit = make_hit(it, mset, stemmer_);
            // The code as the thread writes it ("AADSTS500121" for a typed "500121").
            for (const std::string& written : hit.error_codes) {
                const std::optional<ErrorCode> read = ErrorCodes().from_query_token(written);
                if (read && std::find_first_of(read->keys.begin(), read->keys.end(), code.keys.begin(),
                                               code.keys.end()) != read->keys.end())
                    card.code = written;
            }
            card.thread = std::move(hit);
        };
        for (auto it = mset.begin(); it != mset.end() && !card.thread; ++it)
            if (answered(it.get_document())) take(it);
        if (!card.thread && card.matching > mset.size()) {
            mset = best.get_mset(kCandidates, check_at_least);
            for (auto it = mset.begin(); it != mset.end() && !card.thread; ++it)
                if (answered(it.get_document())) take(it);
        }
        if (!card.thread) {
            // No answer under the filters: say how many of the code's threads have one, so the
            // page never calls the code unanswered when only the filters stand in the way.
            Xapian::Enquire all(db_);
            all.set_query(bounded(all_of_them));
            const Xapian::MSet some = all.get_mset(0, check_at_least);
            unsigned read = 0, with_answer = 0;
            for (auto it = some.begin(); it != some.end(); ++it, ++read)
                if (answered(it.get_document())) ++with_answer;
            const double scale = read > 0 && card.threads > read ? double(card.threads) / read : 1.0;
            card.answered = static_cast<unsigned>(std::lround(with_answer * scale));
        }
        return card;
    }
    return std::nullopt;
}

}  // namespace kb
