// ThreadPipeline: the steps between a parser and the index writer, in order: normalise,
// strip boilerplate, scrub PII (names cleared), then find error codes, the canonical answer and
// the text a moderator copies from it.
#pragma once

#include <memory>

#include "indexer/ingest/boilerplate.h"
#include "indexer/ingest/canonical_answer.h"
#include "indexer/ingest/copy_text.h"
#include "indexer/schema/thread_record.h"
#include "indexer/text/error_codes.h"
#include "indexer/text/name_finder.h"
#include "indexer/text/normaliser.h"

namespace kb {

class ThreadPipeline {
  public:
    // `forum`: the build's frequent name-shaped phrases (learn_forum_phrases), which are not
    // taken for people; none means every name-shaped phrase is.
    // `answers`: the answer model the canonical answer is picked with; none means the built-in one.
    explicit ThreadPipeline(std::shared_ptr<const ForumPhrases> forum = nullptr,
                            std::shared_ptr<const AnswerModel> answers = nullptr)
        : forum_(std::move(forum)), canonical_(answers ? AnswerRanker(std::move(answers)) : AnswerRanker()) {}

    // Takes a parser's raw thread; the result holds no PII and no page boilerplate.
    ThreadRecord prepare(Thread raw) const;

    // Counts one raw thread's uncued name-shaped phrases into `phrases` (before prepare runs on
    // any thread of the build).
    void count_phrases(const Thread& raw, ForumPhrases& phrases) const;

  private:
    std::shared_ptr<const ForumPhrases> forum_;
    Normaliser normaliser_;
    Boilerplate boilerplate_;
    ErrorCodes error_codes_;
    CanonicalAnswer canonical_;
    CopyText copy_text_;
};

}  // namespace kb
