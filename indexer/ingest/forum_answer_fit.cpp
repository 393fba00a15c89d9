#include "indexer/ingest/forum_answer_fit.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <functional>
#include <mutex>
#include <numeric>
#include <thread>

#include "indexer/ingest/answer_ranker.h"
#include "indexer/schema/keys.h"

namespace kb {

namespace {

// Whether the best of `scores` (ties to the earlier answer) is the labelled one.
bool first_is_accepted(const std::vector<double>& scores, const std::vector<float>& labels) {
    if (scores.empty()) return false;
    const auto best = static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    return labels[best] > 0;
}

// A forum's own fit runs inside its build: fewer, larger steps on binned features (2,000 threads
// of a generated forum: 400 exact rounds took 4x as long for the same cross-validated figures).
AnswerModel::TrainingParams forum_params() {
    AnswerModel::TrainingParams p;
    p.rounds = 100;
    p.eta = 0.15;
    p.tree_method = "hist";
    return p;
}

// Runs `work(i)` for every i below `count` on `workers` threads; the first exception is rethrown
// once all have stopped.
void in_parallel(unsigned workers, std::size_t count, const std::function<void(std::size_t)>& work) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto worker = [&] {
        try {
            for (std::size_t i; (i = next++) < count;) work(i);
        } catch (...) {
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next = count;
        }
    };
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w) threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

double percent(std::size_t part, std::size_t whole) {
    return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0;
}

}  // namespace

void ForumAnswerFit::keep(Entry entry) {
    const auto by_hash = [](const Entry& a, const Entry& b) { return a.hash < b.hash; };
    if (sample_.size() < max_threads_) {
        sample_.push_back(std::move(entry));
        std::push_heap(sample_.begin(), sample_.end(), by_hash);
    } else if (!sample_.empty() && entry.hash < sample_.front().hash) {
        std::pop_heap(sample_.begin(), sample_.end(), by_hash);
        sample_.back() = std::move(entry);
        std::push_heap(sample_.begin(), sample_.end(), by_hash);
    }
}

std::optional<std::vector<float>> ForumAnswerFit::take_accepted_labels(Thread& thread) {
    if (thread.answers.size() < 2) return std::nullopt;
    const auto accepted =
        std::count_if(thread.answers.begin(), thread.answers.end(), [](const Answer& a) { return a.accepted; });
    if (accepted != 1) return std::nullopt;
    std::vector<float> labels;
    for (Answer& a : thread.answers) {
        labels.push_back(a.accepted ? 2.0f : 0.0f);
        a.accepted = false;
    }
    return labels;
}

void ForumAnswerFit::offer(const Thread& raw) {
    if (raw.answers.size() < 2) return;
    const std::uint64_t hash = stable_hash(raw.id);
    if (sample_.size() >= max_threads_ && !sample_.empty() && hash >= sample_.front().hash) return;
    Entry entry{hash, raw, {}};
    std::optional<std::vector<float>> labels = take_accepted_labels(entry.thread);
    if (!labels) return;
    entry.labels = std::move(*labels);
    keep(std::move(entry));
}

void ForumAnswerFit::merge(ForumAnswerFit&& other) {
    for (Entry& entry : other.sample_) keep(std::move(entry));
    other.sample_.clear();
}

ForumAnswerFit::Outcome ForumAnswerFit::fit(std::shared_ptr<const AnswerModel> default_model, std::size_t min_threads,
                                            unsigned jobs) const {
    Outcome out;
    out.threads = sample_.size();
    out.needed = std::max<std::size_t>(min_threads, kFolds);
    if (sample_.size() < out.needed) return out;
    out.fitted = true;
    // In hash order, and folds by hash: the same split whatever order the build read.
    std::vector<const Entry*> sample;
    for (const Entry& e : sample_) sample.push_back(&e);
    std::sort(sample.begin(), sample.end(), [](const Entry* a, const Entry* b) { return a->hash < b->hash; });
    const auto fold_of = [](const Entry* e) { return static_cast<int>(e->hash % kFolds); };
    // Each thread is read once; every fold's model and the default one only add their lexicon.
    std::vector<std::vector<AnswerFeatures::Row>> read(sample.size());
    const AnswerRanker by_default(std::move(default_model));
    // Tasks 0..kFolds-1 are the folds, kFolds the model on every thread (kept if it wins); they
    // run on `jobs` threads, each alone deterministic, so the outcome does not depend on `jobs`.
    struct Wins {
        std::size_t by_default = 0, by_forum = 0, first = 0, upvoted = 0;
    };
    std::vector<Wins> wins(kFolds);
    std::shared_ptr<const AnswerModel> whole;
    const auto run_task = [&](int task) {
        std::vector<AnswerModel::Example> train;
        for (std::size_t i = 0; i < sample.size(); ++i)
            if (task == kFolds || fold_of(sample[i]) != task)
                train.push_back({&sample[i]->thread, &sample[i]->labels, &read[i]});
        auto model = AnswerModel::train(train, forum_params());
        if (task == kFolds) {
            whole = std::move(model);
            return;
        }
        const AnswerRanker by_forum(std::move(model));
        Wins& w = wins[static_cast<std::size_t>(task)];
        for (std::size_t i = 0; i < sample.size(); ++i) {
            const Entry* e = sample[i];
            if (fold_of(e) != task) continue;
            w.by_default += first_is_accepted(by_default.score_read(e->thread, read[i]), e->labels);
            w.by_forum += first_is_accepted(by_forum.score_read(e->thread, read[i]), e->labels);
            w.first += e->labels.front() > 0;
            std::vector<double> votes;
            for (const Answer& a : e->thread.answers) votes.push_back(a.helpful);
            w.upvoted += first_is_accepted(votes, e->labels);
        }
    };
    const unsigned workers = std::max(1u, std::min<unsigned>(jobs, kFolds + 1));
    in_parallel(workers, sample.size(), [&](std::size_t i) { read[i] = AnswerFeatures::of(sample[i]->thread); });
    in_parallel(workers, kFolds + 1, [&](std::size_t task) { run_task(static_cast<int>(task)); });

    Wins total;
    for (const Wins& w : wins) {
        total.by_default += w.by_default;
        total.by_forum += w.by_forum;
        total.first += w.first;
        total.upvoted += w.upvoted;
    }
    out.default_model = percent(total.by_default, sample.size());
    out.forum_model = percent(total.by_forum, sample.size());
    out.first_answer = percent(total.first, sample.size());
    out.most_upvoted = percent(total.upvoted, sample.size());
    if (total.by_forum > total.by_default) {
        out.model = std::move(whole);
        out.adopted = true;
    }
    return out;
}

std::string ForumAnswerFit::Outcome::summary() const {
    if (!fitted)
        return "answer model: the default (" + std::to_string(threads) + " threads with an accepted answer among 2+, " +
               std::to_string(needed) + " needed to fit this forum's own)";
    char line[400];
    std::snprintf(line, sizeof line,
                  "answer model: %s; accepted answer picked first on %zu of this forum's threads (%d-fold "
                  "cross-validated): forum's own model %.1f%%, default model %.1f%%, first answer %.1f%%, most "
                  "upvoted %.1f%%",
                  adopted ? "this forum's own" : "the default (this forum's own did no better)", threads, kFolds,
                  forum_model, default_model, first_answer, most_upvoted);
    return line;
}

}  // namespace kb
