// ScnEvaluation: how often the answer picker finds the answer the asker accepted, on the solved
// SAP Community Network threads with two or more answers, with the accepted flag hidden from it.
#pragma once

#include "server/eval/answer_training.h"
#include "server/eval/eval_report.h"

namespace kb {

class ScnEvaluation {
  public:
    // The SCN threads of `training` (read from ../shared/data/scn/*.json), each scored by the
    // learned model of the fold that did not see it.
    explicit ScnEvaluation(const AnswerTraining& training) : training_(training) {}

    // One task, key "SCN": P@1 is "picked the accepted answer"; MRR and MAP (equal, with one
    // relevant answer) are the accepted answer's reciprocal rank. "shipped" is the server's
    // CanonicalAnswer::pick() with the learned model, cross-validated by thread.
    EvalTask run() const;

  private:
    const AnswerTraining& training_;
};

}  // namespace kb
