#include "server/eval/ranking_metrics.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace kb {

RankingScores RankingMetrics::evaluate(const RelevancyFile& gold, const Scorer& scorer) {
    RankingScores out;
    double ap_sum = 0, rr_sum = 0, p1_sum = 0;
    for (const GoldQuery& query : gold.queries()) {
        const std::size_t n = query.candidates.size();
        std::vector<double> scores(n);
        for (std::size_t i = 0; i < n; ++i) scores[i] = scorer(query, query.candidates[i]);
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        // The scorer sorts with Python's stable sort, so equal scores stay in file order.
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });

        double precision_sum = 0;
        int found = 0;
        double reciprocal_rank = 0;
        for (std::size_t r = 0; r < std::min(n, kDepth); ++r) {
            if (!query.candidates[order[r]].relevant) continue;
            ++found;
            precision_sum += static_cast<double>(found) / static_cast<double>(r + 1);
            if (reciprocal_rank == 0) reciprocal_rank = 1.0 / static_cast<double>(r + 1);
        }
        // Average precision over the relevant items in the top 10, not over all relevant items:
        // that is what reproduces the published baselines.
        if (found > 0) ap_sum += precision_sum / found;
        rr_sum += reciprocal_rank;
        if (n > 0 && query.candidates[order[0]].relevant) p1_sum += 1;
        ++out.queries;
    }
    if (out.queries > 0) {
        const auto q = static_cast<double>(out.queries);
        out.map = 100 * ap_sum / q;
        out.mrr = 100 * rr_sum / q;
        out.p_at_1 = 100 * p1_sum / q;
    }
    return out;
}

RankingScores RankingMetrics::engine_baseline(const RelevancyFile& gold) {
    return evaluate(gold, [](const GoldQuery&, const GoldCandidate& c) { return c.engine_score; });
}

}  // namespace kb
