#include "server/eval/scn_evaluation.h"

#include <algorithm>
#include <numeric>

#include "indexer/ingest/answer_ranker.h"
#include "indexer/ingest/canonical_answer.h"

namespace kb {

namespace {

// Reciprocal rank of the accepted answer under one system's order, summed over threads.
struct Tally {
    double hits = 0;
    double reciprocal_ranks = 0;

    void add(const std::vector<int>& order, int accepted) {
        const auto at = std::find(order.begin(), order.end(), accepted);
        if (at == order.end()) return;
        const auto rank = static_cast<double>(at - order.begin() + 1);
        reciprocal_ranks += 1.0 / rank;
        if (rank == 1) hits += 1;
    }
    EvalRow row(std::string key, std::string system, RowKind kind, std::size_t threads, bool ordered) const {
        const double n = threads ? static_cast<double>(threads) : 1.0;
        EvalRow r{std::move(key), std::move(system), kind, std::nullopt, std::nullopt, 100 * hits / n};
        if (ordered) r.map = r.mrr = 100 * reciprocal_ranks / n;
        return r;
    }
};

std::vector<int> page_order(std::size_t n) {
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    return order;
}

// Indices by score, best first, ties in page order.
std::vector<int> by_score(const std::vector<double>& scores) {
    std::vector<int> order = page_order(scores.size());
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return scores[static_cast<std::size_t>(a)] > scores[static_cast<std::size_t>(b)];
    });
    return order;
}

}  // namespace

EvalTask ScnEvaluation::run() const {
    const auto& cv = training_.cross_validated_scores();
    const AnswerRanker hand = AnswerRanker::hand_weighted();
    Tally shipped, hand_rule, first, upvoted, longest;
    std::size_t threads = 0;
    for (const LabelledThread& lt : training_.threads()) {
        if (lt.source != "scn") continue;
        const Thread& t = lt.thread;  // accepted flags already hidden
        const int accepted = static_cast<int>(std::max_element(lt.labels.begin(), lt.labels.end()) - lt.labels.begin());
        ++threads;
        shipped.add(by_score(cv.at(AnswerTraining::key_of(lt))), accepted);
        hand_rule.add(hand.rank(t), accepted);
        first.add(page_order(t.answers.size()), accepted);
        std::vector<double> votes, length;
        for (const Answer& a : t.answers) {
            votes.push_back(a.helpful);
            length.push_back(static_cast<double>(a.body.size()));
        }
        upvoted.add(by_score(votes), accepted);
        longest.add(by_score(length), accepted);
    }
    EvalTask task{"SCN", "accepted answer: SCN solved threads with 2+ answers, accepted flag hidden", threads, {}};
    task.rows.push_back(shipped.row("shipped", "kbsearch learned AnswerRanker, as the indexer picks (5-fold by thread)",
                                    RowKind::Ours, threads, true));
    task.rows.push_back(
        hand_rule.row("hand_rule", "the hand-weighted rule it replaced", RowKind::Baseline, threads, true));
    task.rows.push_back(first.row("first", "first answer", RowKind::Baseline, threads, true));
    task.rows.push_back(upvoted.row("upvoted", "most upvoted (earliest on ties)", RowKind::Baseline, threads, true));
    task.rows.push_back(longest.row("longest", "longest answer", RowKind::Baseline, threads, true));
    return task;
}

}  // namespace kb
