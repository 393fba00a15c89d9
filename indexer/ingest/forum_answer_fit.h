// ForumAnswerFit: teaches the answer model the forum being indexed. A build offers it every raw
// thread; it keeps a sample of those whose asker accepted one of two or more answers, fits a
// model to them, and keeps that model only where it picks the accepted answer more often than
// the default model does on the same threads, cross-validated by thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "indexer/ingest/answer_model.h"
#include "indexer/schema/thread.h"

namespace kb {

class ForumAnswerFit {
  public:
    static constexpr std::size_t kMinThreads = 300;   // fewer teach a model less than they mislead it
    static constexpr std::size_t kMaxThreads = 3000;  // a sample bounds memory and time on any forum
    static constexpr int kFolds = 5;

    // How well each way of picking finds the accepted answer on the sampled threads (P@1, %).
    struct Outcome {
        std::size_t threads = 0;                   // sampled threads with an accepted answer among 2+
        std::size_t needed = 0;                    // how many it takes to fit
        bool fitted = false;                       // enough threads to try
        bool adopted = false;                      // the forum's model won and is returned
        std::shared_ptr<const AnswerModel> model;  // the forum's model when adopted, else null
        double default_model = 0, forum_model = 0, first_answer = 0, most_upvoted = 0;
        std::string summary() const;  // one paragraph for the build log
    };

    explicit ForumAnswerFit(std::size_t max_threads = kMaxThreads) : max_threads_(max_threads) {}

    // A thread that can teach — two or more answers, exactly one accepted — as labels (2 for the
    // accepted answer, 0 for the others), with its accepted flag cleared so a model must find it;
    // nullopt (and `thread` untouched) for any other thread.
    static std::optional<std::vector<float>> take_accepted_labels(Thread& thread);

    // Keeps `raw` (names still on it) if it can teach. The sample is the max_threads threads with
    // the lowest hash of their id, so the same input gives the same sample however the build's
    // threads shared it. One instance per thread: not synchronised; merge() joins them.
    void offer(const Thread& raw);
    void merge(ForumAnswerFit&& other);
    std::size_t size() const { return sample_.size(); }

    // Cross-validates the forum's model against `default_model` and fits it on every sampled
    // thread, kept if it won; on `jobs` threads, with the same outcome for any number. Below
    // `min_threads` nothing is fitted. Throws Error only if XGBoost fails.
    Outcome fit(std::shared_ptr<const AnswerModel> default_model, std::size_t min_threads = kMinThreads,
                unsigned jobs = 1) const;

  private:
    struct Entry {
        std::uint64_t hash = 0;
        Thread thread;              // accepted flags cleared
        std::vector<float> labels;  // 2 for the accepted answer, 0 for the others
    };
    void keep(Entry entry);

    std::size_t max_threads_;
    std::vector<Entry> sample_;  // a max-heap by hash: the first to go is on top
};

}  // namespace kb
