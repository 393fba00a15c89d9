// CanonicalAnswer: picks the one answer a thread is best represented by, with a short reason.
//
// The rule:
//   1. an answer the asker accepted is the canonical answer;
//   2. otherwise the answer AnswerRanker scores highest from the page's signals: helpful votes,
//      staff or moderator role, AI (a small penalty), the asker's own replies (unless they report
//      the fix), thanks-only replies, length, overlap with the question, links, steps, position.
//      Its weights are tuned on SemEval-2016 dev (docs/eval.md); on SCN it finds the accepted
//      answer more often than "first", "most upvoted" or "longest" (`kbsearch eval`).
// Call it while author names are still on the thread: the asker's own replies are told by name.
#pragma once

#include "indexer/ingest/answer_ranker.h"
#include "indexer/schema/thread.h"
#include "indexer/schema/thread_record.h"

namespace kb {

class CanonicalAnswer {
  public:
    CanonicalChoice pick(const Thread& thread) const;

  private:
    AnswerRanker ranker_;
};

}  // namespace kb
