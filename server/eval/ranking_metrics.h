// RankingMetrics: MAP, MRR and P@1 exactly as the SemEval-2016 Task 3 scorer computes them:
// the top 10 of each query only, average precision over the relevant items found there, and
// every query counted, those with no relevant candidate as 0 (docs/eval.md shows the check).
#pragma once

#include <functional>
#include <string>

#include "server/eval/relevancy_file.h"

namespace kb {

struct RankingScores {
    double map = 0;  // percentages, as the task reports them
    double mrr = 0;
    double p_at_1 = 0;
    std::size_t queries = 0;
};

class RankingMetrics {
  public:
    static constexpr std::size_t kDepth = 10;  // the scorer's default threshold

    // A system's score for one candidate of one query; higher ranks first, ties keep file order.
    using Scorer = std::function<double(const GoldQuery& query, const GoldCandidate& candidate)>;

    static RankingScores evaluate(const RelevancyFile& gold, const Scorer& scorer);

    // The original search engine's order (the official baseline): by the gold file's score.
    static RankingScores engine_baseline(const RelevancyFile& gold);
};

}  // namespace kb
