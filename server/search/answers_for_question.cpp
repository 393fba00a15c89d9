#include "server/search/answers_for_question.h"

#include <algorithm>
#include <cmath>

namespace kb {

std::vector<RankedAnswer> AnswersForQuestion::rank(const std::vector<AnswerCandidate>& candidates) const {
    double best_thread = 0, best_own = 0;
    for (const AnswerCandidate& c : candidates) {
        best_thread = std::max(best_thread, c.thread_similarity);
        best_own = std::max(best_own, c.own_similarity);
    }
    const auto scaled = [](double value, double best) { return best > 0 ? std::max(0.0, value) / best : 0.0; };
    std::vector<RankedAnswer> ranked;
    ranked.reserve(candidates.size());
    for (const AnswerCandidate& c : candidates) {
        RankedAnswer& r = ranked.emplace_back();
        r.id = c.id;
        r.thread = scaled(c.thread_similarity, best_thread);
        r.quality = 1 / (1 + std::exp(-(params_.answer_weight * c.answer_score + params_.answer_bias)));
        r.own = scaled(c.own_similarity, best_own);
        r.score = std::pow(r.thread, params_.thread_power) * r.quality *
                  std::pow(params_.own_floor + r.own, params_.own_power);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    return ranked;
}

}  // namespace kb
