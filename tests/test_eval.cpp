// `kbsearch eval` on the real data: the official baselines reproduce the published figures
// exactly, and none of our figures falls below the committed floors (tests/eval_floors.json).
// Built and registered only where ../shared/data exists (tests/CMakeLists.txt).
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "server/eval/evaluation.h"

namespace fs = std::filesystem;

TEST_CASE("evaluation figures hold their floors", "[eval]") {
    const fs::path data = fs::path(KBSEARCH_SHARED_DIR) / "data";
    if (!fs::exists(data)) {
        WARN("../shared/data not found: evaluation not run");
        return;
    }
    const kb::EvalReport report = kb::run_evaluation(data);
    INFO(report.text());

    // The scorer is right only if the task's own baselines come out as published.
    struct Published {
        const char* task;
        double map;
    };
    for (const Published& p : {Published{"B", 71.35}, Published{"A", 53.84}, Published{"C", 30.65}}) {
        const kb::EvalTask* task = report.task(p.task);
        REQUIRE(task != nullptr);
        const kb::EvalRow* engine = task->row("engine");
        REQUIRE(engine != nullptr);
        CAPTURE(p.task);
        CHECK(*engine->map == Approx(p.map).margin(0.005));
    }

    // The duplicate finder the server runs is the one evaluated: Searcher::similar on the
    // candidates scores exactly as the evaluation's own composition of the same parts.
    {
        const kb::EvalTask* b = report.task("B");
        REQUIRE(b != nullptr);
        REQUIRE(b->row("shipped") != nullptr);
        REQUIRE(b->row("ours") != nullptr);
        CHECK(*b->row("shipped")->map == Approx(*b->row("ours")->map).margin(0.005));
        CHECK(*b->row("shipped")->p_at_1 == Approx(*b->row("ours")->p_at_1).margin(0.005));
    }

    std::ifstream in(fs::path(KBSEARCH_SOURCE_DIR) / "tests" / "eval_floors.json");
    REQUIRE(in);
    const nlohmann::json floors = nlohmann::json::parse(in);
    int checked = 0;
    for (const auto& [task_key, rows] : floors.items()) {
        if (task_key.front() == '_') continue;
        const kb::EvalTask* task = report.task(task_key);
        REQUIRE(task != nullptr);
        for (const auto& [row_key, figures] : rows.items()) {
            const kb::EvalRow* row = task->row(row_key);
            CAPTURE(task_key, row_key);
            REQUIRE(row != nullptr);
            for (const auto& [measure, floor] : figures.items()) {
                const std::optional<double>& value = measure == "map"   ? row->map
                                                     : measure == "mrr" ? row->mrr
                                                                        : row->p_at_1;
                CAPTURE(measure);
                REQUIRE(value.has_value());
                CHECK(*value >= floor.get<double>());
                ++checked;
            }
        }
    }
    CHECK(checked >= 15);
    // Every SCN thread counted is a solved one with two or more answers.
    CHECK(report.task("SCN")->queries == 240);
}
