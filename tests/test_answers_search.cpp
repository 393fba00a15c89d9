// Searcher::answers on a real index: the best answers for a new question across its best
// threads — an answer that speaks to the question from a thread that matches it comes first,
// whichever answer its thread made canonical; filters hold; every answer carries its copy text.
#include <algorithm>

#include <catch2/catch.hpp>

#include "indexer/schema/thread_record.h"
#include "indexer/text/pii_scrubber.h"
#include "server/search/searcher.h"
#include "tests/support/fixture_pages.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

using kb::test::fixture_page;
using kb::test::TemporaryDirectory;

namespace {

const std::string kStaff = "Riya Menon 8,200 Reputation points Microsoft External Staff Moderator";
const std::string kUser = "Sam Helper 120 Reputation points";
const std::string kOther = "Lee Other 40 Reputation points";

std::filesystem::path build_fixture_index(const TemporaryDirectory& dir) {
    // The accepted answer is about repairing Office; the second answer is the one about the
    // password prompt.
    dir.write("in/outlook-general.txt",
              fixture_page("Outlook problems after the update",
                           "Since the update Outlook misbehaves in several ways and keeps asking for my password.",
                           "Microsoft 365 and Office | Outlook",
                           {{kStaff, "Repair the Office installation from Apps and Features, then restart.", true},
                            {kUser,
                             "If it keeps asking for the password, open Credential Manager, remove the saved "
                             "Outlook credentials and sign in again."}}));
    dir.write("in/outlook-password.txt",
              fixture_page("Outlook keeps asking for my password", "Outlook prompts for the password every hour.",
                           "Microsoft 365 and Office | Outlook",
                           {{kOther, "Same problem here, any news?"},
                            {kStaff,
                             "Clear the cached password in Credential Manager and turn on modern authentication "
                             "for the mailbox. Write to me at riya.menon@example.org if it persists."}}));
    dir.write("in/teams-password.txt",
              fixture_page("Teams asks for my password after restart",
                           "Microsoft Teams asks for the password each time the laptop restarts.",
                           "Microsoft Teams | Sign in",
                           {{kStaff, "Remove the Teams entries in Credential Manager and sign in again."}}));
    dir.write("in/calendar.txt",
              fixture_page("Calendar does not sync on my phone", "The Outlook calendar stopped syncing on Android.",
                           "Microsoft 365 and Office | Outlook",
                           {{kStaff, "Remove the account from the phone and add it again to resync the calendar."}}));
    kb::test::build_index(dir / "db", {dir / "in"});
    return dir / "db";
}

kb::AnswersResult answers(kb::Searcher& searcher, const std::string& query, int limit = 10,
                          std::vector<std::string> products = {}) {
    kb::AnswersRequest request;
    request.search.query = query;
    request.search.limit = limit;
    request.search.products = std::move(products);
    return searcher.answers(request);
}

}  // namespace

TEST_CASE("answers: the answer that speaks to the question comes first, canonical or not", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));

    const kb::AnswersResult result = answers(searcher, "outlook keeps asking for the password credential manager");
    REQUIRE(result.answers.size() >= 3);
    CHECK(result.threads >= 2);
    // Both answers about clearing saved credentials in Outlook rank above the accepted repair
    // answer, the "same problem" reply and the calendar answer.
    auto place = [&](const std::string& thread, int index) {
        for (std::size_t i = 0; i < result.answers.size(); ++i)
            if (result.answers[i].thread_id == thread && result.answers[i].answer.index == index)
                return static_cast<int>(i);
        return 1000;
    };
    const int cached = place("outlook-password", 1), saved = place("outlook-general", 1);
    CHECK(std::max(cached, saved) < 2);
    CHECK(saved < place("outlook-general", 0));
    CHECK(cached < place("outlook-password", 0));
    CHECK(std::max(cached, saved) < place("calendar", 0));
    // The general thread's second answer is not its canonical one, and says so.
    REQUIRE(saved < 1000);
    const kb::AnswerHit& second = result.answers[static_cast<std::size_t>(saved)];
    CHECK_FALSE(second.canonical);
    CHECK(second.answer.why.empty());
    CHECK(second.answer.role == "user");
    for (std::size_t i = 0; i < result.answers.size(); ++i) {
        const kb::AnswerHit& hit = result.answers[i];
        CAPTURE(hit.thread_id, hit.answer.index);
        if (i > 0) CHECK(hit.score <= result.answers[i - 1].score);
        for (double part : {hit.thread_match, hit.quality, hit.own_match}) {
            CHECK(part >= 0);
            CHECK(part <= 1);
        }
        CHECK_FALSE(kb::PiiScrubber::placeholders().empty());
        for (std::string_view p : kb::PiiScrubber::placeholders()) CHECK(hit.answer.copy.find(p) == std::string::npos);
        if (hit.canonical) CHECK_FALSE(hit.answer.why.empty());
    }
    // The staff answer lost its address: its copy drops that sentence, and keeps the instruction.
    REQUIRE(cached < 1000);
    const kb::AnswerHit& staff = result.answers[static_cast<std::size_t>(cached)];
    CHECK(staff.answer.text.find("riya.menon") == std::string::npos);
    CHECK(staff.answer.copy ==
          "Clear the cached password in Credential Manager and turn on modern authentication for the mailbox.");
    // An answer with nothing removed copies byte for byte.
    CHECK(second.answer.copy == second.answer.text);
}

TEST_CASE("answers: filters narrow the threads, limits and depth are checked", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));

    const kb::AnswersResult all = answers(searcher, "asks for the password credential manager");
    CHECK(std::any_of(all.answers.begin(), all.answers.end(),
                      [](const kb::AnswerHit& h) { return h.thread_id == "teams-password"; }));
    const kb::AnswersResult outlook = answers(searcher, "asks for the password credential manager", 10, {"Outlook"});
    REQUIRE_FALSE(outlook.answers.empty());
    for (const kb::AnswerHit& hit : outlook.answers) CHECK(hit.thread_id != "teams-password");

    CHECK(answers(searcher, "password", 1).answers.size() == 1);
    CHECK_THROWS_AS(answers(searcher, "password", 0), kb::QueryError);
    CHECK_THROWS_AS(answers(searcher, "password", kb::kMaxLimit + 1), kb::QueryError);
    kb::AnswersRequest deep;
    deep.search.query = "password";
    deep.threads = kb::kMaxAnswerThreads + 1;
    CHECK_THROWS_AS(searcher.answers(deep), kb::QueryError);
    CHECK_THROWS_AS(answers(searcher, "   "), kb::QueryError);
    CHECK(answers(searcher, "zebra xylophone").answers.empty());

    // Given threads stand in for the search's: only their answers come back.
    kb::AnswersRequest within;
    within.search.query = "calendar password";
    within.within = {"calendar", "deleted-meanwhile"};  // a thread gone since the search is left out
    const kb::AnswersResult only = searcher.answers(within);
    REQUIRE(only.answers.size() == 1);
    CHECK(only.answers.front().thread_id == "calendar");
    CHECK(only.threads == 1);
}

TEST_CASE("answers: every answer's score and copy text survive the record", "[unit]") {
    kb::ThreadRecord r;
    r.thread.id = "t";
    r.thread.answers.resize(3);
    r.thread.answers[0].body = "Reset it. Mail me at [email].";
    r.thread.answers[1].body = "Done.";
    r.thread.answers[2].body = "";
    r.notes = {{0.25, "Reset it."}, {-1.5, "Done."}, {std::nullopt, ""}};
    r.canonical.index = 0;
    r.canonical.copy = "Reset it.";
    const kb::ThreadRecord back = kb::parse_record(kb::serialise_record(r));
    REQUIRE(back.notes.size() == 3);
    CHECK(back.quality(0) == Approx(0.25));
    CHECK(back.quality(1) == Approx(-1.5));
    CHECK_FALSE(back.quality(2));
    CHECK_FALSE(back.quality(7));
    CHECK(back.copy_text(0) == "Reset it.");
    CHECK(back.copy_text(1) == "Done.");
    CHECK(back.copy_text() == "Reset it.");
    CHECK(back.copy_text(9).empty());
    // Only the copy that differs from its answer is stored.
    const std::string data = kb::serialise_record(r);
    CHECK(data.find("\"copy\":\"Reset it.\"") != std::string::npos);
    CHECK(data.find("\"copy\":\"Done.\"") == std::string::npos);

    // A record from before the notes: none, and the canonical copy falls back as before.
    r.notes.clear();
    const kb::ThreadRecord old = kb::parse_record(kb::serialise_record(r));
    CHECK(old.notes.empty());
    CHECK_FALSE(old.quality(0));
    CHECK(old.copy_text() == "Reset it.");
}
