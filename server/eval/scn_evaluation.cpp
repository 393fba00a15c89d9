#include "server/eval/scn_evaluation.h"

#include <algorithm>
#include <numeric>

#include "indexer/ingest/canonical_answer.h"
#include "indexer/ingest/scn_json_parser.h"

namespace kb {

namespace fs = std::filesystem;

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

}  // namespace

ScnEvaluation::ScnEvaluation(fs::path dir, AnswerRanker::Weights weights) : dir_(std::move(dir)), weights_(weights) {}

EvalTask ScnEvaluation::run() const {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir_))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    const ScnJsonParser parser;
    const AnswerRanker ranker(weights_);
    const CanonicalAnswer canonical;
    Tally ours, current_rule, first, upvoted, longest;
    std::size_t threads = 0;
    for (const fs::path& file : files) {
        ParseOutcome parsed = parser.parse_file(file);
        if (!parsed.errors.empty()) throw parsed.errors.front();
        for (Thread& t : parsed.threads) {
            if (t.answers.size() < 2) continue;
            int accepted = -1, count = 0;
            for (int i = 0; i < static_cast<int>(t.answers.size()); ++i)
                if (t.answers[static_cast<std::size_t>(i)].accepted) accepted = i, ++count;
            if (count != 1) continue;
            // The systems must find the answer without being told which it is.
            for (Answer& a : t.answers) a.accepted = false;
            ++threads;

            ours.add(ranker.rank(t), accepted);
            current_rule.add({canonical.pick(t).index}, accepted);
            first.add(page_order(t.answers.size()), accepted);
            std::vector<int> by_votes = page_order(t.answers.size());
            std::stable_sort(by_votes.begin(), by_votes.end(), [&](int a, int b) {
                return t.answers[static_cast<std::size_t>(a)].helpful > t.answers[static_cast<std::size_t>(b)].helpful;
            });
            upvoted.add(by_votes, accepted);
            std::vector<int> by_length = page_order(t.answers.size());
            std::stable_sort(by_length.begin(), by_length.end(), [&](int a, int b) {
                return t.answers[static_cast<std::size_t>(a)].body.size() >
                       t.answers[static_cast<std::size_t>(b)].body.size();
            });
            longest.add(by_length, accepted);
        }
    }
    EvalTask task{"SCN", "accepted answer: SCN solved threads with 2+ answers, accepted flag hidden", threads, {}};
    task.rows.push_back(ours.row("ours", "kbsearch AnswerRanker", RowKind::Ours, threads, true));
    task.rows.push_back(
        current_rule.row("pick_rule", "CanonicalAnswer::pick() rule", RowKind::Baseline, threads, false));
    task.rows.push_back(first.row("first", "first answer", RowKind::Baseline, threads, true));
    task.rows.push_back(upvoted.row("upvoted", "most upvoted (earliest on ties)", RowKind::Baseline, threads, true));
    task.rows.push_back(longest.row("longest", "longest answer", RowKind::Baseline, threads, true));
    return task;
}

}  // namespace kb
