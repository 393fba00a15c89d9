// AnswerRanker: scores every answer of a thread and orders them best first — by the learned
// answer model (AnswerModel over AnswerFeatures) by default, or by the hand-weighted rule it
// replaced, kept as the plain fallback and the eval's comparison row.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "indexer/ingest/answer_features.h"
#include "indexer/ingest/answer_model.h"
#include "indexer/schema/thread.h"

namespace kb {

class AnswerRanker {
  public:
    // Added to an accepted answer's score: above any score the model gives, so the asker's own
    // verdict comes first.
    static constexpr double kAcceptedBonus = 1000;

    // The hand-weighted rule: each weight multiplies one signal, the score is their sum. Tuned
    // on the SemEval-2016 dev set before the learned model (docs/eval.md).
    struct Weights {
        double accepted = 4.0;          // the asker accepted it
        double helpful = 0.6;           // log(1 + votes)
        double staff = 0.8;             // staff or moderator
        double ai = -0.5;               // an AI answer
        double by_asker = -1.8;         // the asker's own follow-up is rarely the answer...
        double asker_fix = 1.5;         // ...unless it reports the fix ("solved it by", "the issue was")
        double chatty_author = -0.3;    // an author with several replies in the thread is usually chatting
        double acknowledgement = -2.0;  // "thanks, that worked", "same problem"
        double question = -0.7;         // a reply that asks a question back
        double length = 0.4;            // log(1 + words)
        double position = -0.15;        // per place down the page
        double overlap = 0.5;           // shared (stemmed, non-stop) words with the question
        double link = 0.4;              // a URL or path to follow
        double steps = 0.4;             // a numbered or bulleted list, "go to ... > ..."
        double digits = 0.1;            // figures: prices, versions, phone-free numbers
        double laughter = -0.6;         // "lol", "haha", smileys
    };

    // The learned model built into the binary.
    AnswerRanker();
    // Another learned model (a forum's own, a cross-validation fold's).
    explicit AnswerRanker(std::shared_ptr<const AnswerModel> model);
    // The hand-weighted rule.
    static AnswerRanker hand_weighted(Weights weights);
    static AnswerRanker hand_weighted();

    // One score per answer, in page order; higher is better. An accepted answer scores above
    // every other, an empty one below. Author identity comes from Answer::author_name and
    // Thread::asker_name, so call it before the pipeline clears them. Throws Error only if the
    // model fails to run.
    std::vector<double> score(const Thread& thread) const { return score(thread, nullptr); }
    // The same, leaving what the model read of each answer in `rows` (for deciding_signals).
    std::vector<double> score(const Thread& thread, std::vector<AnswerFeatures::Row>* rows) const;
    // The same from rows read already (AnswerFeatures::of, any lexicon): the model's lexicon is
    // applied to a copy.
    std::vector<double> score_read(const Thread& thread, const std::vector<AnswerFeatures::Row>& read) const;

    // Answer indices best first; equal scores keep page order.
    std::vector<int> rank(const Thread& thread) const;

    // Why answer `chosen` ranks above answer `other` (another index, or -1 for none): the
    // readings of the features that most raised it over the other under the learned model, at
    // most `limit`, strongest first ("overlap with the question", "staff or moderator"). Empty
    // for the hand-weighted rule.
    std::vector<std::string> deciding_signals(const Thread& thread, int chosen, int other, std::size_t limit = 2) const;
    // The same from the rows score() left, so the answers are not read twice.
    std::vector<std::string> deciding_signals(const Thread& thread, const std::vector<AnswerFeatures::Row>& rows,
                                              int chosen, int other, std::size_t limit = 2) const;

    static double overlap(const std::string& question, const std::string& text) {
        return AnswerFeatures::overlap(question, text);
    }
    static bool is_acknowledgement(const std::string& body) { return AnswerFeatures::is_acknowledgement(body); }

    const Weights& weights() const { return weights_; }
    bool learned() const { return model_ != nullptr; }

  private:
    std::vector<double> hand_scores(const Thread& thread, const std::vector<AnswerFeatures::Row>& rows) const;
    // The model's scores with the priors and the accepted and empty answers' places.
    std::vector<double> with_priors(const Thread& thread, std::vector<double> scores) const;

    std::shared_ptr<const AnswerModel> model_;  // null: the hand-weighted rule
    Weights weights_;
};

}  // namespace kb
