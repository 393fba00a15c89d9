// EvalReport: the figures of one `kbsearch eval` run, per task, our system beside the baselines,
// FTS5 and the published references, as a text table or JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/eval/ranking_metrics.h"

namespace kb {

enum class RowKind { Ours, Baseline, Fts5, Published };

struct EvalRow {
    std::string key;     // stable name for floors and JSON consumers: "ours", "engine", "fts5"...
    std::string system;  // what the table shows
    RowKind kind = RowKind::Ours;
    std::optional<double> map, mrr, p_at_1;  // percentages; absent where a system gives no figure

    static EvalRow from(std::string key, std::string system, RowKind kind, const RankingScores& scores);
};

struct EvalTask {
    std::string key;  // "B", "A", "C", "SCN": what floors and JSON consumers match on
    std::string title;
    std::size_t queries = 0;
    std::vector<EvalRow> rows;

    // The row with this key; nullptr when there is none.
    const EvalRow* row(const std::string& row_key) const;
};

struct EvalReport {
    std::vector<EvalTask> tasks;
    double seconds = 0;

    const EvalTask* task(const std::string& key) const;
    std::string text() const;
    nlohmann::json json() const;
};

}  // namespace kb
