// ThreadPipeline: the steps between a parser and the index writer, in order: normalise,
// strip boilerplate, scrub PII (names cleared), then find error codes and the canonical answer.
#pragma once

#include "indexer/boilerplate.h"
#include "indexer/canonical_answer.h"
#include "indexer/error_codes.h"
#include "indexer/normaliser.h"
#include "indexer/thread_record.h"

namespace kb {

class ThreadPipeline {
  public:
    // Takes a parser's raw thread; the result holds no PII and no page boilerplate.
    ThreadRecord prepare(Thread raw) const;

  private:
    Normaliser normaliser_;
    Boilerplate boilerplate_;
    ErrorCodes error_codes_;
    CanonicalAnswer canonical_;
};

}  // namespace kb
