#include "server/search/answers_for_question.h"

#include <algorithm>
#include <cmath>

namespace kb {

std::vector<std::pair<std::string, double>> AnswersForQuestion::rank(
    const std::vector<AnswerCandidate>& candidates) const {
    double best_thread = 0, best_own = 0;
    for (const AnswerCandidate& c : candidates) {
        best_thread = std::max(best_thread, c.thread_similarity);
        best_own = std::max(best_own, c.own_similarity);
    }
    const auto scaled = [](double value, double best) { return best > 0 ? std::max(0.0, value) / best : 0.0; };
    std::vector<std::pair<std::string, double>> ranked;
    ranked.reserve(candidates.size());
    for (const AnswerCandidate& c : candidates) {
        const double good = 1 / (1 + std::exp(-(params_.answer_weight * c.answer_score + params_.answer_bias)));
        const double score = std::pow(scaled(c.thread_similarity, best_thread), params_.thread_power) * good *
                             std::pow(params_.own_floor + scaled(c.own_similarity, best_own), params_.own_power);
        ranked.emplace_back(c.id, score);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return ranked;
}

}  // namespace kb
