// ForumAnswerFit and the build that uses it: a forum whose accepted answers follow a habit of
// its own gets a model fitted to that habit, kept only because it beats the built-in model on
// the forum's threads; the build stores it with the generation and live updates pick with it.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "indexer/index/index_builder.h"
#include "indexer/index/index_updater.h"
#include "indexer/ingest/forum_answer_fit.h"
#include "indexer/schema/index_layout.h"
#include "indexer/schema/schema.h"
#include "server/search/searcher.h"
#include "tests/support/temporary_directory.h"

namespace fs = std::filesystem;
using kb::test::TemporaryDirectory;

namespace {

// A forum whose accepted answer is, by its own habit, the short last reply that asks back
// ("Did you run the sync repair?"), where the built-in model prefers long advice.
const char* kTopics[] = {"calendar", "mailbox", "printer", "scanner", "laptop", "router", "license", "tablet"};

nlohmann::json habit_thread(int i, bool accepted) {
    const std::string topic = kTopics[i % 8];
    const std::string n = std::to_string(i);
    nlohmann::json answers = nlohmann::json::array();
    answers.push_back({{"body", "You could try restarting the " + topic +
                                    " service and checking the settings page "
                                    "again, then clear the cache, sign out, sign back in and wait a few minutes "
                                    "before you test it once more (case " +
                                    n + ")."},
                       {"author", "Helper A" + n}});
    answers.push_back({{"body", "Go to Settings > Accounts > Sync and make sure the " + topic +
                                    " toggle is on; if it is, remove the account and add it again, then restart."},
                       {"author", "Helper B" + n}});
    answers.push_back({{"body", "Did you run the sync repair for the " + topic + "?"},
                       {"author", "Fixer C" + n},
                       {"accepted", accepted}});
    return {{"id", "habit-" + n},
            {"title", "The " + topic + " stopped syncing, case " + n},
            {"question", "Since this morning my " + topic + " does not sync any more. What can I do?"},
            {"asker", "Asker D" + n},
            {"answers", answers}};
}

kb::Thread as_thread(const nlohmann::json& j) {
    kb::Thread t;
    t.id = j["id"];
    t.title = j["title"];
    t.question = j["question"];
    t.asker_name = j["asker"];
    for (const auto& a : j["answers"]) {
        kb::Answer answer;
        answer.body = a["body"];
        answer.author_name = a["author"];
        answer.accepted = a.value("accepted", false);
        t.answers.push_back(answer);
    }
    return t;
}

std::string canonical_text(const fs::path& db, const std::string& id) {
    kb::Searcher searcher(db);
    kb::SearchRequest request;
    request.query = "case " + id.substr(id.find('-') + 1);
    request.limit = 50;
    for (const kb::SearchHit& hit : searcher.search(request).hits)
        if (hit.id == id) return hit.answer ? hit.answer->text : "";
    return "(not found)";
}

}  // namespace

TEST_CASE("forum answer fit: a forum's own habit is learned and kept only when it wins", "[unit]") {
    kb::ForumAnswerFit sample;
    for (int i = 0; i < 60; ++i) sample.offer(as_thread(habit_thread(i, true)));
    // Threads that cannot teach are not kept: one answer, or none accepted.
    kb::Thread lone = as_thread(habit_thread(99, true));
    lone.answers.resize(1);
    sample.offer(lone);
    sample.offer(as_thread(habit_thread(98, false)));
    REQUIRE(sample.size() == 60);

    const kb::ForumAnswerFit::Outcome fit = sample.fit(kb::AnswerModel::built_in(), 30);
    CHECK(fit.fitted);
    CHECK(fit.adopted);
    REQUIRE(fit.model != nullptr);
    CHECK(fit.forum_model > fit.default_model);
    CHECK(fit.forum_model >= 90);
    CHECK(fit.first_answer == 0);
    CHECK_THAT(fit.summary(), Catch::Contains("this forum's own") && Catch::Contains("first answer 0.0%"));

    // The same sample, split over two builders' threads in another order, fits the same model.
    kb::ForumAnswerFit first, second;
    for (int i = 59; i >= 0; --i) (i % 2 ? first : second).offer(as_thread(habit_thread(i, true)));
    first.merge(std::move(second));
    // ...and so does a fit on three threads.
    CHECK(first.fit(kb::AnswerModel::built_in(), 30, 3).model->to_json() == fit.model->to_json());

    // Too few threads: nothing is fitted, and the summary says how many it takes.
    const kb::ForumAnswerFit::Outcome few = sample.fit(kb::AnswerModel::built_in(), 100);
    CHECK_FALSE(few.fitted);
    CHECK(few.model == nullptr);
    CHECK_THAT(few.summary(), Catch::Contains("100 needed"));

    // A bounded sample keeps the threads with the lowest hashes, whatever order they came in.
    kb::ForumAnswerFit small(10);
    for (int i = 0; i < 60; ++i) small.offer(as_thread(habit_thread(i, true)));
    CHECK(small.size() == 10);
}

TEST_CASE("a build fits the forum's answer model, stores it, and live updates pick with it", "[integration]") {
    TemporaryDirectory dir("kbsearch-forum-fit");
    {
        std::ofstream out(dir.path() / "forum.jsonl");
        for (int i = 0; i < 60; ++i) out << habit_thread(i, true).dump() << "\n";
        out << habit_thread(500, false).dump() << "\n";  // no accepted answer: the model picks
    }
    const std::string habit = "Did you run the sync repair for the " + std::string(kTopics[500 % 8]) + "?";

    kb::BuildOptions options;
    options.inputs = {dir.path() / "forum.jsonl"};
    options.jobs = 2;
    options.learn_answers_min_threads = 30;
    std::ostringstream log;

    // Without fitting, the built-in model picks the long advice.
    options.db = dir.path() / "plain";
    options.learn_answers = false;
    kb::IndexBuilder().build(options, log);
    CHECK(canonical_text(options.db, "habit-500") != habit);
    CHECK_FALSE(fs::exists(options.db / *kb::live_generation(options.db) / kb::schema::kAnswerModelFile));

    options.db = dir.path() / "fitted";
    options.learn_answers = true;
    const kb::BuildReport report = kb::IndexBuilder().build(options, log);
    CHECK_THAT(report.answer_model, Catch::Contains("this forum's own"));
    CHECK(canonical_text(options.db, "habit-500") == habit);
    CHECK(fs::exists(options.db / *kb::live_generation(options.db) / kb::schema::kAnswerModelFile));

    // A live update picks with the model its generation was built with.
    {
        std::ofstream out(dir.path() / "update.jsonl");
        out << habit_thread(501, false).dump() << "\n";
    }
    kb::BuildOptions update;
    update.db = options.db;
    update.inputs = {dir.path() / "update.jsonl"};
    kb::IndexUpdater().update(update, log);
    CHECK(canonical_text(options.db, "habit-501") ==
          "Did you run the sync repair for the " + std::string(kTopics[501 % 8]) + "?");
}
