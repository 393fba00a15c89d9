// AnswersForQuestion: an answer for a new question needs all three parts high — its thread, its
// quality in that thread and its own words — so one weak part sinks it; scales do not matter.
#include <cmath>

#include <catch2/catch.hpp>

#include "server/search/answers_for_question.h"

using kb::AnswerCandidate;
using kb::AnswersForQuestion;

namespace {

std::vector<std::string> order(const std::vector<AnswerCandidate>& candidates) {
    std::vector<std::string> ids;
    for (const kb::RankedAnswer& ranked : AnswersForQuestion().rank(candidates)) ids.push_back(ranked.id);
    return ids;
}

}  // namespace

TEST_CASE("answers for a question: one weak part sinks an answer", "[unit]") {
    struct Row {
        const char* what;
        std::vector<AnswerCandidate> candidates;
        std::vector<std::string> expected;
    };
    const Row rows[] = {
        {"all strong beats strong thread with a poor answer",
         {{"poor", 10, -3, 5}, {"good", 10, 1, 5}},
         {"good", "poor"}},
        {"a good answer in a thread about something else loses",
         {{"elsewhere", 1, 2, 5}, {"on-topic", 10, 1, 5}},
         {"on-topic", "elsewhere"}},
        {"an answer sharing no word with the question keeps a floor, below one that does",
         {{"silent", 10, 1, 0}, {"speaks", 10, 1, 4}},
         {"speaks", "silent"}},
        {"ties keep the given order", {{"a", 3, 0, 1}, {"b", 3, 0, 1}}, {"a", "b"}},
        {"nothing to rank", {}, {}},
    };
    for (const Row& row : rows) {
        CAPTURE(row.what);
        CHECK(order(row.candidates) == row.expected);
    }
}

TEST_CASE("answers for a question: similarities are relative to the best candidate", "[unit]") {
    // Multiplying every thread or own similarity by a constant changes no score.
    const std::vector<AnswerCandidate> small{{"x", 0.5, 0.3, 0.2}, {"y", 0.25, 1.0, 0.4}};
    std::vector<AnswerCandidate> large = small;
    for (AnswerCandidate& c : large) {
        c.thread_similarity *= 40;
        c.own_similarity *= 7;
    }
    const auto a = AnswersForQuestion().rank(small), b = AnswersForQuestion().rank(large);
    REQUIRE(a.size() == 2);
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].id == b[i].id);
        CHECK(a[i].score == Approx(b[i].score));
    }
    // The best candidate on every part scores sigmoid(2 x 1 + 2) x 1.2^2.
    const auto best = AnswersForQuestion().rank({{"only", 3, 1, 2}});
    CHECK(best.front().score == Approx(1 / (1 + std::exp(-4.0)) * 1.44));
    // Its parts, as the API shows them: both similarities at the best, the answer through the sigmoid.
    CHECK(best.front().thread == Approx(1));
    CHECK(best.front().own == Approx(1));
    CHECK(best.front().quality == Approx(1 / (1 + std::exp(-4.0))));
}
