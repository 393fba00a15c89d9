// AnswerModel and AnswerFeatures: the learned answer ranker fits what it is shown, saves and
// loads to the same scores, refuses a model of another feature list, and the built-in model
// ranks the plain cases a moderator would.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "indexer/ingest/answer_features.h"
#include "indexer/ingest/answer_model.h"
#include "indexer/ingest/answer_ranker.h"
#include "indexer/ingest/canonical_answer.h"
#include "indexer/text/errors.h"

using kb::Answer;
using kb::AnswerFeatures;
using kb::AnswerModel;
using kb::AnswerRanker;
using kb::Thread;

namespace {

Answer answer(std::string body, std::string author = "", std::string date = "") {
    Answer a;
    a.body = std::move(body);
    a.author_name = std::move(author);
    a.date = std::move(date);
    return a;
}

Thread thread(std::vector<Answer> answers, std::string asker = "asker") {
    Thread t;
    t.id = "t";
    t.title = "Which bank is best for a salary account?";
    t.question = "I need to open a salary account in Doha.";
    t.asker_name = std::move(asker);
    t.date = "2015-03-01 10:00:00";
    t.answers = std::move(answers);
    return t;
}

const std::string kPlain = "Commercial Bank is fine for salary accounts, go to any branch with your ID.";

// Threads where the good answer is always the one holding a link, wherever it stands.
std::vector<Thread> link_threads() {
    std::vector<Thread> threads;
    for (int i = 0; i < 40; ++i) {
        std::vector<Answer> answers;
        for (int j = 0; j < 4; ++j)
            answers.push_back(
                answer(j == i % 4 ? kPlain + " See https://example.org/banks" : kPlain, "u" + std::to_string(j)));
        threads.push_back(thread(std::move(answers)));
    }
    return threads;
}

}  // namespace

TEST_CASE("answer features: a table of readings", "[unit]") {
    const Thread t = thread({answer("Why not ask the bank?", "sam", "2015-03-01 12:00:00"),
                             answer(kPlain + " 1. Take your ID\n2. Sign", "kim", "2015-03-02 10:00:00"),
                             answer("Thanks kim, that worked!", "asker", "2015-03-02 11:00:00")});
    const std::vector<AnswerFeatures::Row> rows = AnswerFeatures::of(t);
    REQUIRE(rows.size() == 3);
    using C = AnswerFeatures::Column;
    CHECK(rows[0][C::kQuestionMarks] == 1);
    CHECK(rows[1][C::kSteps] == 1);
    CHECK(rows[2][C::kByAsker] == 1);
    CHECK(rows[2][C::kAcknowledgement] == 1);
    CHECK(rows[1][C::kAskerThanksAfter] == 1);            // the asker thanked right after it
    CHECK(rows[0][C::kAskerThanksAfter] == Approx(0.5));  // ...two replies later
    CHECK(rows[0][C::kHoursAfterQuestion] == Approx(std::log1p(2.0)));
    CHECK(rows[1][C::kHoursAfterPrevious] == Approx(std::log1p(22.0)));
    CHECK(rows[1][C::kQuestionOverlap] > rows[0][C::kQuestionOverlap]);
    // Without names or dates the model is told they are unknown, not false.
    const std::vector<AnswerFeatures::Row> anonymous = AnswerFeatures::of(thread({answer(kPlain)}, ""));
    CHECK(std::isnan(anonymous[0][C::kByAsker]));
    CHECK(std::isnan(anonymous[0][C::kHoursAfterQuestion]));
    CHECK(std::isnan(AnswerFeatures::hours_of("yesterday")));
    CHECK(AnswerFeatures::hours_of("1970-01-02T01:30:00Z") == Approx(25.5));
}

TEST_CASE("answer model: learns a signal, saves and loads to the same scores", "[unit]") {
    const std::vector<Thread> threads = link_threads();
    std::vector<std::vector<float>> labels;
    for (int i = 0; i < 40; ++i) {
        std::vector<float> l(4, 0);
        l[static_cast<std::size_t>(i % 4)] = 2;
        labels.push_back(l);
    }
    std::vector<AnswerModel::Example> examples;
    for (std::size_t i = 0; i < threads.size(); ++i) examples.push_back({&threads[i], &labels[i]});
    AnswerModel::TrainingParams params;
    params.rounds = 20;
    const auto model = AnswerModel::train(examples, params);

    const Thread fresh =
        thread({answer(kPlain, "a"), answer(kPlain, "b"), answer(kPlain + " https://example.org", "c")});
    const std::vector<double> s = model->score(fresh);
    REQUIRE(s.size() == 3);
    CHECK(s[2] > s[0]);
    CHECK(s[2] > s[1]);
    CHECK(AnswerRanker(model).rank(fresh).front() == 2);
    // The reason names what lifted it: the link shows in its length, words and link columns.
    const std::vector<std::string> signals = AnswerRanker(model).deciding_signals(fresh, 2, 0, 3);
    REQUIRE_FALSE(signals.empty());
    for (const std::string& reading : signals)
        CHECK((reading == "a link" || reading == "length" || reading == "worded like good answers"));
    // A role the model cannot see is named through its prior.
    Thread roles = thread({answer(kPlain, "a"), answer(kPlain, "b")});
    roles.answers[1].role = kb::AuthorRole::StaffModerator;
    CHECK(AnswerRanker(model).deciding_signals(roles, 1, 0).front() == "staff or moderator");
    // A trait of the runner-up is named as the runner-up's, not as the winner's merit.
    roles.answers[1].role = kb::AuthorRole::User;
    roles.answers[0].role = kb::AuthorRole::Ai;
    CHECK(AnswerRanker(model).deciding_signals(roles, 1, 0).front() == "the runner-up is an AI answer");

    const auto loaded = AnswerModel::from_json(model->to_json());
    CHECK(loaded->score(fresh) == s);

    // The same data and seed give the same model.
    CHECK(AnswerModel::train(examples, params)->to_json() == model->to_json());
}

TEST_CASE("answer model: refuses what it cannot learn from or read", "[unit]") {
    const Thread t = thread({answer(kPlain), answer(kPlain)});
    const std::vector<float> same{0, 0};
    CHECK_THROWS_AS(AnswerModel::train({{&t, &same}}, {}), kb::Error);
    const std::vector<float> short_labels{2};
    CHECK_THROWS_AS(AnswerModel::train({{&t, &short_labels}}, {}), kb::Error);
    CHECK_THROWS_AS(AnswerModel::from_json("{}"), kb::Error);
    // A model whose feature list is not this build's is refused, not silently misread.
    std::string json = AnswerModel::built_in()->to_json();
    const std::string first = std::string(AnswerFeatures::names()[0]);
    json.replace(json.find(first), first.size(), "renamed_feature");
    CHECK_THROWS_WITH(AnswerModel::from_json(json), Catch::Contains("another feature list"));
}

TEST_CASE("answer model: the built-in model ranks the plain cases", "[unit]") {
    const AnswerRanker ranker;
    REQUIRE(ranker.learned());
    // Thanks, a question back, the asker's chat, laughter: each below a plain answer after it.
    for (const std::string& weak :
         {std::string("Thanks a lot, that helps!"), std::string("Why do you need a salary account in Doha?"),
          std::string("lol haha :)")}) {
        CAPTURE(weak);
        CHECK(ranker.rank(thread({answer(weak, "sam"), answer(kPlain, "kim")})).front() == 1);
    }
    CHECK(ranker.rank(thread({answer("ok I will wait and see", "asker"), answer(kPlain, "kim")})).front() == 1);
    // The asker's accepted answer and an empty one: the forum's verdict first, nothing last.
    Answer accepted = answer("Use any bank.", "sam");
    accepted.accepted = true;
    CHECK(ranker.rank(thread({answer(kPlain, "kim"), accepted})).front() == 1);
    Answer empty = answer("  ", "sam");
    CHECK(ranker.rank(thread({empty, answer(kPlain, "kim")})).front() == 1);

    // The canonical answer's reason names what decided.
    const kb::CanonicalChoice choice =
        kb::CanonicalAnswer().pick(thread({answer("Thanks a lot!", "sam"), answer(kPlain, "kim")}));
    CHECK(choice.index == 1);
    CHECK_THAT(choice.why, Catch::StartsWith("best answer by the learned ranker: "));
}
