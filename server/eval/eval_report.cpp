#include "server/eval/eval_report.h"

#include <cstdio>

namespace kb {

namespace {

std::string_view kind_name(RowKind kind) {
    switch (kind) {
        case RowKind::Ours:
            return "ours";
        case RowKind::Baseline:
            return "baseline";
        case RowKind::Fts5:
            return "fts5";
        case RowKind::Published:
            return "published";
    }
    return "ours";
}

std::string cell(const std::optional<double>& value) {
    if (!value) return "      -";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%7.2f", *value);
    return buf;
}

nlohmann::json figure(const std::optional<double>& value) {
    if (!value) return nullptr;
    // Two decimals, as printed, so JSON and table agree.
    return static_cast<double>(static_cast<long long>(*value * 100 + 0.5)) / 100;
}

}  // namespace

EvalRow EvalRow::from(std::string key, std::string system, RowKind kind, const RankingScores& scores) {
    return EvalRow{std::move(key), std::move(system), kind, scores.map, scores.mrr, scores.p_at_1};
}

const EvalRow* EvalTask::row(const std::string& row_key) const {
    for (const EvalRow& r : rows)
        if (r.key == row_key) return &r;
    return nullptr;
}

const EvalTask* EvalReport::task(const std::string& key) const {
    for (const EvalTask& t : tasks)
        if (t.key == key) return &t;
    return nullptr;
}

std::string EvalReport::text() const {
    std::string out;
    for (const EvalTask& t : tasks) {
        out += t.key + ": " + t.title + " (" + std::to_string(t.queries) + " queries)\n";
        char header[128];
        std::snprintf(header, sizeof header, "  %-46s %7s %7s %7s\n", "system", "MAP", "MRR", "P@1");
        out += header;
        for (const EvalRow& row : t.rows) {
            char line[160];
            std::snprintf(line, sizeof line, "  %-46s %s %s %s\n", row.system.c_str(), cell(row.map).c_str(),
                          cell(row.mrr).c_str(), cell(row.p_at_1).c_str());
            out += line;
        }
        out += "\n";
    }
    char footer[64];
    std::snprintf(footer, sizeof footer, "evaluated in %.2f s\n", seconds);
    return out + footer;
}

nlohmann::json EvalReport::json() const {
    nlohmann::json tasks_json = nlohmann::json::array();
    for (const EvalTask& t : tasks) {
        nlohmann::json rows = nlohmann::json::array();
        for (const EvalRow& row : t.rows)
            rows.push_back({{"key", row.key},
                            {"system", row.system},
                            {"kind", kind_name(row.kind)},
                            {"map", figure(row.map)},
                            {"mrr", figure(row.mrr)},
                            {"p_at_1", figure(row.p_at_1)}});
        tasks_json.push_back({{"task", t.key}, {"title", t.title}, {"queries", t.queries}, {"rows", std::move(rows)}});
    }
    return {{"tasks", std::move(tasks_json)}, {"seconds", seconds}};
}

}  // namespace kb
