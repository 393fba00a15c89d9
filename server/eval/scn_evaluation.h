// ScnEvaluation: how often the answer picker finds the answer the asker accepted, on the solved
// SAP Community Network threads with two or more answers, with the accepted flag hidden from it.
#pragma once

#include <filesystem>

#include "indexer/ingest/answer_ranker.h"
#include "server/eval/eval_report.h"

namespace kb {

class ScnEvaluation {
  public:
    // `dir` holds the topic dumps (../shared/data/scn/*.json).
    ScnEvaluation(std::filesystem::path dir, AnswerRanker::Weights weights = {});

    // One task, key "SCN": P@1 is "picked the accepted answer"; MRR and MAP (equal, with one
    // relevant answer) are the accepted answer's reciprocal rank where a system gives an order.
    // Throws ParseError when a dump cannot be read or has bad posts.
    EvalTask run() const;

  private:
    std::filesystem::path dir_;
    AnswerRanker::Weights weights_;
};

}  // namespace kb
