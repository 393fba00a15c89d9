// SemEvalEvaluation: subtasks B (duplicate questions), A (answer ranking) and C (answers to a new
// question) of SemEval-2016 Task 3 on its dev set: our ranking, the task's own baselines and
// SQLite FTS5, all on the same texts and scored as the official scorer scores them.
#pragma once

#include <filesystem>
#include <vector>

#include "server/eval/answer_training.h"
#include "server/eval/eval_report.h"
#include "server/search/answers_for_question.h"
#include "server/search/similarity_ranker.h"

namespace kb {

// Reciprocal rank fusion with the search engine's order: 1/(k + our rank) + w/(k + its rank).
struct EngineFusion {
    double k = 5;
    double engine_weight = 1;
};

// Defaults are the tuned values; docs/eval.md records each tuning step.
struct SemEvalParams {
    SimilarityParams threads = kDraftSimilarity;               // B, and the thread part of C
    SimilarityParams comments{1.2, 0.75, 0, 0, 3, 0.3, true};  // C: a comment against the new question
    // B adds to the thread index's score b_question_weight times the score against the thread's
    // question alone (its title and question, comments left out; Xapian's BM25 defaults), each
    // scaled so the query's best candidate has 1: a duplicate asks the same thing, while comments
    // drift. 0 = the thread index alone. C keeps the whole thread: it wants threads whose answers
    // speak to the new question.
    SimilarityParams questions = kQuestionSimilarity;
    double b_question_weight = kQuestionPartWeight;
    // Subtask C: the server's AnswersForQuestion over each comment's thread similarity, learned
    // answer score and own similarity to the new question.
    AnswersForQuestion::Params answers_for_question;
    // The second "ours" rows of B and C re-rank the engine's candidate list.
    EngineFusion fusion_b{1, 1.5};
    EngineFusion fusion_c{5, 1};
};

class SemEvalEvaluation {
  public:
    // `dir` holds the dev XML and its three .relevancy gold files (../shared/data/semeval2016);
    // `training` gives each labelled thread's answer scores from a model that never saw it.
    SemEvalEvaluation(std::filesystem::path dir, const AnswerTraining& training, SemEvalParams params = {});

    // Tasks B, A and C, in that order. Throws ParseError for unreadable data, IndexError or
    // Xapian::Error when the scratch index cannot be built.
    std::vector<EvalTask> run() const;

  private:
    std::filesystem::path dir_;
    const AnswerTraining& training_;
    SemEvalParams params_;
};

}  // namespace kb
