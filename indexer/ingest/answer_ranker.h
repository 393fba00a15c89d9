// AnswerRanker: scores every answer of a thread from page signals and orders them best first.
// CanonicalAnswer::pick() (which uses it, never the other way) keeps its documented rule; this is the graded form, for
// where a full order matters (answer ranking, a canonical answer for a query across threads, evaluation).
#pragma once

#include <string>
#include <vector>

#include "indexer/schema/thread.h"

namespace kb {

class AnswerRanker {
  public:
    // Each weight multiplies one signal; the score is their sum. Defaults were tuned on the
    // SemEval-2016 dev set (docs/eval.md); a signal a format lacks is simply zero.
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

    AnswerRanker() = default;
    explicit AnswerRanker(Weights weights) : weights_(weights) {}

    // One score per answer, in page order; higher is better. Empty answers score lowest.
    // Author identity comes from Answer::author_name and Thread::asker_name, so call it before
    // the pipeline clears them (without names the asker and chatty signals are off). Never throws.
    std::vector<double> score(const Thread& thread) const;

    // Answer indices best first; equal scores keep page order.
    std::vector<int> rank(const Thread& thread) const;

    // How much of `question`'s content words `text` shares: |shared| / sqrt(|question words|), by
    // lower-cased English stems, stop words left out. 0 when either has none.
    static double overlap(const std::string& question, const std::string& text);

    // True for replies that carry no answer: "Thanks, that worked!", "Same problem here".
    static bool is_acknowledgement(const std::string& body);

    const Weights& weights() const { return weights_; }

  private:
    Weights weights_;
};

}  // namespace kb
