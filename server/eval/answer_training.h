// AnswerTraining: the labelled answers of ../shared/data (SemEval-2016 dev subtask A, SemEval-2015,
// SCN accepted flags) as ranking groups; the default answer model's recipe; and the thread-wise
// cross-validated scores that `kbsearch eval` and the training report read, so that no thread is
// ever scored by a model that was trained on it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "indexer/ingest/answer_model.h"
#include "indexer/schema/thread.h"

namespace kb {

// One thread whose answers carry a label: 2 Good (or accepted), 1 PotentiallyUseful, 0 otherwise.
struct LabelledThread {
    std::string source;  // "semeval2016", "semeval2015", "scn"
    Thread thread;       // as parsed, names present (the features need them); accepted flags hidden
    std::vector<float> labels;
    int fold = 0;
};

class AnswerTraining {
  public:
    static constexpr int kFolds = 5;

    // Reads semeval2016/ (the threads of the subtask A gold file), semeval2015/ and scn/ (solved
    // threads with one accepted answer among two or more) under `data_dir`. Throws ParseError or
    // IndexError when a file is missing or unreadable.
    explicit AnswerTraining(const std::filesystem::path& data_dir, AnswerModel::TrainingParams params = {});

    const std::vector<LabelledThread>& threads() const { return threads_; }

    // The default model: every labelled thread.
    std::shared_ptr<const AnswerModel> train_all() const;

    // Each thread's answer scores from the model trained on the other folds (same recipe), by
    // "source/thread id". Trained once, on first use.
    const std::map<std::string, std::vector<double>>& cross_validated_scores() const;
    // The model trained on every fold but `fold` (the one cross_validated_scores scores it with).
    // Trained once, on first use.
    std::shared_ptr<const AnswerModel> fold_model(int fold) const;
    // The fold of the labelled thread with this key ("source/thread id"); -1 for any other thread.
    int fold_of(const std::string& key) const;

    // The training report: the cross-validated figures of the learned model beside the
    // hand-weighted rule and the plain orders, per source, and what the model leans on.
    std::string report(const AnswerModel& shipped) const;

    static std::string key_of(const LabelledThread& t) { return t.source + "/" + t.thread.id; }

  private:
    AnswerModel::TrainingParams params_;
    std::vector<LabelledThread> threads_;
    mutable std::map<std::string, std::vector<double>> cv_scores_;
    mutable std::vector<std::shared_ptr<const AnswerModel>> fold_models_;
};

}  // namespace kb
