#include "indexer/ingest/forum_answer_fit.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

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

void ForumAnswerFit::offer(const Thread& raw) {
    if (raw.answers.size() < 2) return;
    const auto accepted =
        std::count_if(raw.answers.begin(), raw.answers.end(), [](const Answer& a) { return a.accepted; });
    if (accepted != 1) return;
    const std::uint64_t hash = stable_hash(raw.id);
    if (sample_.size() >= max_threads_ && !sample_.empty() && hash >= sample_.front().hash) return;
    Entry entry{hash, raw, {}};
    for (Answer& a : entry.thread.answers) {
        entry.labels.push_back(a.accepted ? 2.0f : 0.0f);
        a.accepted = false;  // the models must find it without being told
    }
    keep(std::move(entry));
}

void ForumAnswerFit::merge(ForumAnswerFit&& other) {
    for (Entry& entry : other.sample_) keep(std::move(entry));
    other.sample_.clear();
}

ForumAnswerFit::Outcome ForumAnswerFit::fit(std::shared_ptr<const AnswerModel> default_model,
                                            std::size_t min_threads) const {
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
    const AnswerRanker by_default(std::move(default_model));
    std::size_t wins_default = 0, wins_forum = 0, wins_first = 0, wins_upvoted = 0;
    for (int f = 0; f < kFolds; ++f) {
        std::vector<AnswerModel::Example> train;
        for (const Entry* e : sample)
            if (fold_of(e) != f) train.push_back({&e->thread, &e->labels});
        const AnswerRanker by_forum(AnswerModel::train(train, forum_params()));
        for (const Entry* e : sample) {
            if (fold_of(e) != f) continue;
            wins_default += first_is_accepted(by_default.score(e->thread), e->labels);
            wins_forum += first_is_accepted(by_forum.score(e->thread), e->labels);
            wins_first += e->labels.front() > 0;
            std::vector<double> votes;
            for (const Answer& a : e->thread.answers) votes.push_back(a.helpful);
            wins_upvoted += first_is_accepted(votes, e->labels);
        }
    }
    out.default_model = percent(wins_default, sample.size());
    out.forum_model = percent(wins_forum, sample.size());
    out.first_answer = percent(wins_first, sample.size());
    out.most_upvoted = percent(wins_upvoted, sample.size());
    if (wins_forum > wins_default) {
        std::vector<AnswerModel::Example> all;
        for (const Entry* e : sample) all.push_back({&e->thread, &e->labels});
        out.model = AnswerModel::train(all, forum_params());
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
