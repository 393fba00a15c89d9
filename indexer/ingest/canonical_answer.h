// CanonicalAnswer: picks the one answer a thread is best represented by, with a short reason.
//
// The rule:
//   1. an answer the asker accepted is the canonical answer;
//   2. otherwise the answer the learned AnswerRanker scores highest (docs/answer-model.md:
//      similarity to the question, role, votes, place and time, shape, the dialogue around it,
//      agreement, the wording of good answers); the reason names the signals that set it above
//      the runner-up. On held-out SCN threads it finds the accepted answer more often than
//      "first", "most upvoted", "longest" or the hand-weighted rule (`kbsearch eval`).
// Call it while author names are still on the thread: the asker's own replies are told by name.
#pragma once

#include <vector>

#include "indexer/ingest/answer_ranker.h"
#include "indexer/schema/thread.h"
#include "indexer/schema/thread_record.h"

namespace kb {

class CanonicalAnswer {
  public:
    CanonicalAnswer() = default;
    explicit CanonicalAnswer(AnswerRanker ranker) : ranker_(std::move(ranker)) {}

    // `scores`, when given, gets every answer's AnswerRanker score (page order), accepted thread or not.
    CanonicalChoice pick(const Thread& thread, std::vector<double>* scores = nullptr) const;

  private:
    AnswerRanker ranker_;
};

}  // namespace kb
