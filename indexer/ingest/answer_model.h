// AnswerModel: the learned answer scorer — gradient-boosted trees (XGBoost, pairwise ranking
// within a thread) over AnswerFeatures. The default model is trained from ../shared/data by
// `kbsearch train-answers` and built into the binary; a forum with enough accepted answers can
// fit its own (`kbsearch index --learn-answers`).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/ingest/answer_features.h"

namespace kb {

class AnswerModel {
  public:
    // One thread and how good each of its answers is (0 bad, 1 partly, 2 good): a ranking group.
    struct Example {
        const Thread* thread;
        const std::vector<float>* labels;
        const std::vector<AnswerFeatures::Row>* rows = nullptr;  // the thread's features, if read already
    };

    // Chosen by thread-wise cross-validation on ../shared/data (docs/answer-model.md).
    struct TrainingParams {
        int rounds = 400;
        int max_depth = 3;
        double eta = 0.05;
        double subsample = 0.8;
        double colsample_bytree = 0.8;
        double min_child_weight = 1;
        double lambda = 1;
        std::string objective = "rank:pairwise";
        int seed = 7;
        float partly_good = 1;              // the label a PotentiallyUseful answer trains with (Good is 2)
        std::string tree_method = "exact";  // "hist" bins the features: faster on many rows
    };

    // The model built into the binary from indexer/ingest/answer_model.json. Throws Error if it
    // does not load, which only a broken build can cause.
    static std::shared_ptr<const AnswerModel> built_in();

    // A model saved by to_json(). Throws Error when it is no model or reads another feature list.
    static std::shared_ptr<const AnswerModel> from_json(std::string_view json);

    // Fits the goodness lexicon and the trees to `examples` (single-threaded, so the same data and
    // seed give the same model). Throws Error when there is nothing to learn from (no thread with
    // two different labels).
    static std::shared_ptr<const AnswerModel> train(const std::vector<Example>& examples, const TrainingParams& params);

    AnswerModel(const AnswerModel&) = delete;
    AnswerModel& operator=(const AnswerModel&) = delete;
    ~AnswerModel();

    // The model as XGBoost's JSON, with the feature list it reads and its lexicon.
    std::string to_json() const;

    // One score per answer, in page order, higher better; comparable within a thread. Safe from
    // several threads.
    std::vector<double> score(const Thread& thread) const { return score(features(thread)); }

    // What the model reads of each answer (AnswerFeatures with this model's lexicon), and the
    // same scoring from rows already read: a caller that also explains reads them once.
    std::vector<AnswerFeatures::Row> features(const Thread& thread) const;
    // Rows read already (by any model, or with none) given this model's lexicon.
    std::vector<AnswerFeatures::Row> features(std::vector<AnswerFeatures::Row> rows, const Thread& thread) const;
    std::vector<double> score(const std::vector<AnswerFeatures::Row>& rows) const;

    // Each row's score split over the features (XGBoost's TreeSHAP): kCount values, then the
    // bias. It costs many times a score: ask only for the rows that need explaining.
    std::vector<std::vector<float>> contributions(const std::vector<AnswerFeatures::Row>& rows) const;
    std::vector<std::vector<float>> contributions(const Thread& thread) const {
        return contributions(features(thread));
    }

    const AnswerLexicon& lexicon() const { return lexicon_; }

  private:
    struct Handle;
    AnswerModel(std::unique_ptr<Handle> handle, AnswerLexicon lexicon);
    std::vector<float> run(const std::vector<AnswerFeatures::Row>& rows, int type, std::size_t& width) const;

    std::unique_ptr<Handle> handle_;
    AnswerLexicon lexicon_;
    mutable std::mutex mutex_;  // XGBoost's prediction caches are per booster
};

}  // namespace kb
