// CanonicalAnswer: the documented rule, one signal at a time.
#include <catch2/catch.hpp>

#include "indexer/ingest/canonical_answer.h"
#include "indexer/ingest/seed_page_parser.h"
#include "tests/support/temporary_directory.h"

using kb::Answer;
using kb::AuthorRole;

namespace {

Answer answer(AuthorRole role, long reputation = 0, int helpful = 0, bool accepted = false,
              std::string body = "Open Settings and reset the app.") {
    Answer a;
    a.role = role;
    a.reputation = reputation;
    a.helpful = helpful;
    a.accepted = accepted;
    a.body = std::move(body);
    return a;
}

int pick(std::vector<Answer> answers) {
    kb::Thread t;
    t.answers = std::move(answers);
    return kb::CanonicalAnswer().pick(t).index;
}

}  // namespace

TEST_CASE("canonical answer: accepted first, then the learned ranking with its role and vote priors", "[unit]") {
    CHECK(pick({}) == -1);
    CHECK(pick({answer(AuthorRole::Ai)}) == 0);
    // accepted beats votes, role and reputation
    CHECK(pick({answer(AuthorRole::StaffModerator, 9000, 9), answer(AuthorRole::User, 1, 0, true)}) == 1);
    // many votes outweigh a staff role; a single vote does not
    CHECK(pick({answer(AuthorRole::StaffModerator, 9000, 0), answer(AuthorRole::User, 1, 12)}) == 1);
    CHECK(pick({answer(AuthorRole::StaffModerator, 9000, 0), answer(AuthorRole::User, 1, 1)}) == 0);
    // human beats AI, staff beats user
    CHECK(pick({answer(AuthorRole::Ai), answer(AuthorRole::User, 5)}) == 1);
    CHECK(pick({answer(AuthorRole::User, 50000), answer(AuthorRole::Moderator, 10)}) == 1);
    // steps and substance beat a one-liner
    CHECK(pick({answer(AuthorRole::User, 10, 0, false, "Reinstall it."),
                answer(AuthorRole::User, 10, 0, false,
                       "Open Settings > Apps > Authenticator and clear storage.\n1. Remove the account.\n"
                       "2. Add it again by scanning the QR code on the security info page.")}) == 1);
    // a thanks-only reply is not an answer while another exists
    CHECK(pick({answer(AuthorRole::User, 10, 4, false, "Thanks, that worked!"), answer(AuthorRole::Ai)}) == 1);
}

TEST_CASE("the why names the deciding signal", "[unit]") {
    kb::Thread t;
    t.answers = {answer(AuthorRole::StaffModerator, 10, 0, true)};
    CHECK_THAT(kb::CanonicalAnswer().pick(t).why, Catch::Contains("accepted"));
    t.answers = {answer(AuthorRole::Ai), answer(AuthorRole::User, 1, 2)};
    CHECK_THAT(kb::CanonicalAnswer().pick(t).why, Catch::Contains("helpful votes"));
}

TEST_CASE("seed 000's canonical answer is the staff moderator's", "[unit][seeds]") {
    auto outcome = kb::SeedPageParser().parse_file(kb::test::seeds_dir() / "000_08be6a25a322421c.txt");
    REQUIRE(outcome.threads.size() == 1);
    const auto choice = kb::CanonicalAnswer().pick(outcome.threads[0]);
    REQUIRE(choice.index == 0);
    CHECK(outcome.threads[0].answers[0].role == AuthorRole::StaffModerator);
    CHECK_THAT(choice.why, Catch::Contains("staff moderator"));
}
