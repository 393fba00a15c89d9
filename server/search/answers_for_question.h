// AnswersForQuestion: answers for a new question drawn from its best threads (SemEval subtask C;
// what a moderator's query wants): each answer scores how well its thread matches the question x
// how good an answer it is in its thread (the learned answer score the indexer computes) x how
// much it speaks to the question itself. The parts act like probabilities that must all be
// high, so they multiply: one weak part sinks the answer, where a sum would let the others hide it.
#pragma once

#include <string>
#include <vector>

namespace kb {

struct AnswerCandidate {
    std::string id;
    double thread_similarity = 0;  // its thread against the question, any scale
    double answer_score = 0;       // AnswerRanker's score within its thread
    double own_similarity = 0;     // the answer's own text against the question, any scale
};

// One candidate's score and its three parts, each on 0..1: the thread and own similarities
// scaled so the best candidate has 1, the answer score through the sigmoid.
struct RankedAnswer {
    std::string id;
    double score = 0;
    double thread = 0;
    double quality = 0;
    double own = 0;
};

class AnswersForQuestion {
  public:
    // score = thread^thread_power x sigmoid(answer_weight x answer score + answer_bias)
    //         x (own_floor + own)^own_power, both similarities scaled so the best candidate has 1.
    // Tuned on SemEval-2016 dev subtask C (docs/eval.md).
    struct Params {
        double thread_power = 1.0;
        double answer_weight = 2.0;
        double answer_bias = 2.0;
        double own_power = 2.0;
        double own_floor = 0.2;
    };

    AnswersForQuestion() = default;
    explicit AnswersForQuestion(Params params) : params_(params) {}

    // Each candidate's score, best first (ties keep the given order).
    std::vector<RankedAnswer> rank(const std::vector<AnswerCandidate>& candidates) const;

    const Params& params() const { return params_; }

  private:
    Params params_;
};

}  // namespace kb
