// AnswerRanker: each page signal moves an answer the documented way, ties keep page order, and
// CanonicalAnswer::pick() is unchanged by it.
#include <catch2/catch.hpp>

#include "indexer/ingest/answer_ranker.h"

using kb::Answer;
using kb::AnswerRanker;
using kb::AuthorRole;
using kb::Thread;

namespace {

Answer answer(std::string body, std::string author = "", AuthorRole role = AuthorRole::User) {
    Answer a;
    a.body = std::move(body);
    a.author_name = std::move(author);
    a.role = role;
    return a;
}

Thread thread(std::vector<Answer> answers, std::string asker = "") {
    Thread t;
    t.title = "Which bank is best for a salary account?";
    t.question = "I need to open a salary account in Doha.";
    t.asker_name = std::move(asker);
    t.answers = std::move(answers);
    return t;
}

// Index of the best answer between two that differ in one signal.
int better(Answer first, Answer second, const std::string& asker = "") {
    return AnswerRanker::hand_weighted().rank(thread({std::move(first), std::move(second)}, asker)).front();
}

const std::string kPlain = "Commercial Bank is fine for salary accounts, go to any branch with your ID.";

}  // namespace

TEST_CASE("answer ranker: one signal at a time", "[unit]") {
    CHECK(AnswerRanker::hand_weighted().rank(thread({})).empty());
    // Equal answers keep page order.
    CHECK(better(answer(kPlain), answer(kPlain)) == 0);
    // Accepted, voted, staff beat the earlier plain answer.
    Answer accepted = answer(kPlain);
    accepted.accepted = true;
    CHECK(better(answer(kPlain), accepted) == 1);
    Answer voted = answer(kPlain);
    voted.helpful = 12;
    CHECK(better(answer(kPlain), voted) == 1);
    CHECK(better(answer(kPlain), answer(kPlain, "", AuthorRole::StaffModerator)) == 1);
    // The asker's own reply, thanks, a question back and laughter lose to a later plain answer.
    CHECK(better(answer(kPlain, "pat"), answer(kPlain, "sam"), "pat") == 1);
    CHECK(better(answer("Thanks a lot, that helps!"), answer(kPlain)) == 1);
    CHECK(better(answer("Why do you need a salary account in Doha?"), answer(kPlain)) == 1);
    CHECK(better(answer(kPlain + " lol"), answer(kPlain)) == 1);
    CHECK(better(answer(kPlain + " :)"), answer(kPlain)) == 1);
    CHECK(better(answer(kPlain + " :) thanks"), answer(kPlain)) == 1);
    CHECK(better(answer("Set it to :Pass in the config. " + kPlain), answer(kPlain)) == 0);  // not an emoticon
    CHECK(better(answer(kPlain + " HAHAHA"), answer(kPlain)) == 1);
    // An empty answer is last whatever else it has.
    Answer empty = answer("  ");
    empty.accepted = true;
    CHECK(better(empty, answer(kPlain)) == 1);
}

TEST_CASE("answer ranker: the asker's reply that reports the fix is not penalised as much", "[unit]") {
    const std::vector<double> s = AnswerRanker::hand_weighted().score(
        thread({answer("Solved it: the issue was the old ID card, QNB opened it with the new one.", "pat"),
                answer("Solved it: the issue was the old ID card, QNB opened it with the new one.", "sam")},
               "pat"));
    const std::vector<double> chat = AnswerRanker::hand_weighted().score(
        thread({answer("ok I will wait and see what they say about the card", "pat")}, "pat"));
    REQUIRE(s.size() == 2);
    CHECK(s[0] < s[1]);  // still below the same words by someone else
    const AnswerRanker::Weights w = AnswerRanker::hand_weighted().weights();
    CHECK(s[0] - (s[1] - w.position) == Approx(w.by_asker + w.asker_fix));
    CHECK(chat.size() == 1);
}

TEST_CASE("answer ranker: a chatty replier and question overlap", "[unit]") {
    // Two replies by one person read as a conversation.
    const auto s = AnswerRanker::hand_weighted().score(
        thread({answer(kPlain, "kim"), answer(kPlain, "kim"), answer(kPlain, "lee")}));
    REQUIRE(s.size() == 3);
    CHECK(s[2] > s[1]);
    CHECK(AnswerRanker::overlap("salary account bank", "The bank gives a salary account") ==
          Approx(3 / std::sqrt(3.0)));
    CHECK(AnswerRanker::overlap("the of", "anything") == 0);
}
