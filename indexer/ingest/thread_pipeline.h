// ThreadPipeline: the steps between a parser and the index writer, in order: normalise,
// strip boilerplate, scrub PII (names cleared), then find error codes and the canonical answer.
#pragma once

#include "indexer/ingest/boilerplate.h"
#include "indexer/ingest/canonical_answer.h"
#include "indexer/schema/thread_record.h"
#include "indexer/text/error_codes.h"
#include "indexer/text/normaliser.h"

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
