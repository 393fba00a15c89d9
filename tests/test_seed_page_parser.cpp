// The seed page parser: the five real seeds field by field, then variations and bad input.
#include <catch2/catch.hpp>

#include "indexer/ingest/seed_page_parser.h"
#include "tests/support/temporary_directory.h"

using kb::AuthorRole;
using kb::SeedPageParser;
using kb::Thread;

namespace {

Thread parse_seed(const std::string& stem) {
    const auto file = kb::test::seeds_dir() / (stem + ".txt");
    auto outcome = SeedPageParser().parse_file(file);
    REQUIRE(outcome.errors.empty());
    REQUIRE(outcome.threads.size() == 1);
    return outcome.threads.front();
}

struct ExpectedAnswer {
    AuthorRole role;
    std::string author;
    long reputation;
    std::string date;
    int helpful;
    std::string body_start;
};

struct ExpectedSeed {
    std::string id;
    std::string title;
    std::string asker;
    std::string date;
    std::string question_start;
    std::vector<std::string> products;
    int comments;
    std::vector<ExpectedAnswer> answers;
};

const std::vector<ExpectedSeed>& expected_seeds() {
    static const std::vector<ExpectedSeed> seeds{
        {"000_08be6a25a322421c",
         "Authenticator",
         "Armendariz, Erica",
         "2026-05-30T10:53:21.9366667+00:00",
         "Error Code: 500121",
         {"Microsoft 365 and Office", "Subscription, account, billing", "For business", "Other"},
         0,
         {{AuthorRole::StaffModerator, "Demi-N", 17570, "2026-05-30T11:23:02.4666667+00:00", 0,
           "Please understand that as forum moderators"},
          {AuthorRole::Ai, "", 0, "2026-05-30T10:53:34.2533333+00:00", 0, "Error code 500121 is an authentication"}}},
        {"001_f4cba4bd177f2dd7",
         "How to fix Error Code: 500121 for microsoft authenticator app.",
         "LIAM CAHOON",
         "2026-06-04T00:45:59.66+00:00",
         "I am trying to log in to my school's learning hub",
         {"Microsoft 365 and Office", "Subscription, account, billing", "For education", "Windows"},
         0,
         {{AuthorRole::StaffModerator, "Sophie N", 16060, "2026-06-04T06:27:40.9766667+00:00", 0,
           "Dear @LIAM CAHOON,"}}},
        {"002_6440a596b359bd4a",
         "microsoft authenticator code issue",
         "Mitchey Abogada",
         "2026-05-20T15:45:43.62+00:00",
         "i cannot log in to my microsoft work account",
         {"Microsoft 365 and Office", "Subscription, account, billing", "For business", "Windows"},
         0,
         {{AuthorRole::StaffModerator, "Sophie N", 16055, "2026-05-21T00:51:55.38+00:00", 0, "Dear @Mitchey Abogada,"},
          {AuthorRole::Ai, "", 0, "2026-05-20T15:45:58.66+00:00", 0, "To regain access, another verification"}}},
        {"003_c8e509ba3a197213",
         "QR code access",
         "bryan boggs",
         "2026-05-16T17:05:56.8533333+00:00",
         "I can I retrieve my business Outlook QR code",
         {"Microsoft 365 and Office", "Subscription, account, billing", "For business", "Windows"},
         0,
         {{AuthorRole::Ai, "", 0, "2026-05-16T17:06:13.1033333+00:00", 1, "A QR code for Microsoft Authenticator"},
          {AuthorRole::StaffModerator, "Huy-K", 12030, "2026-05-17T23:46:56.51+00:00", 0, "Dear @bryan boggs,"}}},
        {"004_6a27de3a467eb38f",
         "cannot get code for authenticator app",
         "Mark Paton",
         "2026-06-09T13:10:11.58+00:00",
         "app downloaded and signed in. unable to get verification code",
         {"Microsoft Security", "Microsoft Authenticator"},
         0,
         {{AuthorRole::Ai, "", 0, "2026-06-09T13:10:32.98+00:00", 0, "Follow these steps to get or restore"}}},
    };
    return seeds;
}

}  // namespace

TEST_CASE("each seed page parses field by field", "[unit][seeds]") {
    const auto& expected = GENERATE(from_range(expected_seeds()));
    CAPTURE(expected.id);
    const Thread t = parse_seed(expected.id);
    CHECK(t.id == expected.id);
    CHECK(t.title == expected.title);
    CHECK(t.asker_name == expected.asker);
    CHECK(t.asker_reputation == 0);
    CHECK(t.date == expected.date);
    CHECK(t.question.rfind(expected.question_start, 0) == 0);
    CHECK(t.product_path == expected.products);
    CHECK(t.comment_count == expected.comments);
    REQUIRE(t.answers.size() == expected.answers.size());
    for (std::size_t i = 0; i < t.answers.size(); ++i) {
        CAPTURE(i);
        const auto& a = t.answers[i];
        const auto& e = expected.answers[i];
        CHECK(a.role == e.role);
        CHECK(a.author_name == e.author);
        CHECK(a.reputation == e.reputation);
        CHECK(a.date == e.date);
        CHECK(a.helpful == e.helpful);
        CHECK_FALSE(a.accepted);
        CHECK(a.body.rfind(e.body_start, 0) == 0);
        // The next answer's header never leaks into this body.
        CHECK(a.body.find("Reputation points") == std::string::npos);
    }
}

TEST_CASE("seed question keeps its own text and not the breadcrumb", "[unit][seeds]") {
    const Thread t = parse_seed("003_c8e509ba3a197213");
    CHECK(t.question.find("Microsoft 365 and Office |") == std::string::npos);
    CHECK(t.question.find("0 comments") == std::string::npos);
    CHECK(t.answers[1].role_label == "Microsoft External Staff Moderator");
}

namespace {

const char* kMinimalPage =
    "Share via\n\nOutlook keeps asking for password\n\nJosé Álvarez 12 Reputation points\n"
    "2026-01-02T03:04:05+00:00\n\nOutlook asks for my password every hour.\n\n"
    "Microsoft 365 and Office | Outlook | For home | Windows\n3 comments\n\n2 answers\n\nSort by: Most helpful\n"
    "  1. Accepted answer\n    Priya Raman 2,340 Reputation points Volunteer Moderator\n"
    "    2026-01-02T05:00:00+00:00\n\n    Remove the cached credentials.\n\n    1. Open Credential Manager.\n"
    "    2. Remove entries for Outlook.\n\n    Was this answer helpful?\n\n    5 people found this answer helpful.\n"
    "  2. Some One 3 Reputation points Community Wizard\n    2026-01-03T05:00:00+00:00\n\n    Same here.\n\n"
    "Your answer\n";

}  // namespace

TEST_CASE("accepted answers, vote counts, unknown roles and non-ASCII", "[unit]") {
    const Thread t = SeedPageParser().parse(kMinimalPage, "x", "x.txt");
    CHECK(t.title == "Outlook keeps asking for password");
    CHECK(t.asker_name == "José Álvarez");
    CHECK(t.asker_reputation == 12);
    CHECK(t.comment_count == 3);
    CHECK(t.product_path == std::vector<std::string>{"Microsoft 365 and Office", "Outlook", "For home", "Windows"});
    REQUIRE(t.answers.size() == 2);
    CHECK(t.answers[0].accepted);
    CHECK(t.answers[0].role == AuthorRole::Moderator);
    CHECK(t.answers[0].reputation == 2340);
    CHECK(t.answers[0].helpful == 5);
    CHECK(t.answers[0].author_name == "Priya Raman");
    // Numbered steps inside an answer are not answers.
    CHECK(t.answers[0].body.find("2. Remove entries for Outlook.") != std::string::npos);
    CHECK(t.answers[1].role == AuthorRole::User);
    CHECK(t.answers[1].role_label == "Community Wizard");
    CHECK_FALSE(t.answers[1].accepted);
}

TEST_CASE("CRLF line endings and extra blank lines parse the same", "[unit]") {
    std::string crlf;
    for (char c : std::string(kMinimalPage)) {
        if (c == '\n')
            crlf += "\r\n\r\n";  // doubled blank lines too
        else
            crlf += c;
    }
    const Thread a = SeedPageParser().parse(kMinimalPage, "x", "x.txt");
    const Thread b = SeedPageParser().parse(crlf, "x", "x.txt");
    CHECK(b.title == a.title);
    CHECK(b.product_path == a.product_path);
    REQUIRE(b.answers.size() == a.answers.size());
    CHECK(b.answers[0].helpful == 5);
    CHECK(b.answers[0].accepted);
}

TEST_CASE("a page without answers", "[unit]") {
    const std::string page =
        "Share via\n\nTeams status stuck\n\nAna 1 Reputation points\n2026-01-01T00:00:00Z\n\nMy status is stuck.\n\n"
        "Microsoft 365 and Office | Teams | For business | Windows\n0 comments No comments\n\n0 answers\n\n"
        "Your answer\n";
    const Thread t = SeedPageParser().parse(page, "t", "t.txt");
    CHECK(t.question == "My status is stuck.");
    CHECK(t.answers.empty());
    CHECK(t.product_path.size() == 4);
}

TEST_CASE("bad input is a ParseError with file and line", "[unit]") {
    struct Case {
        std::string name;
        std::string text;
        std::string reason;
    };
    const std::string truncated = std::string(kMinimalPage).substr(0, std::string(kMinimalPage).find("  2. Some One"));
    const auto& c = GENERATE_COPY(values<Case>({
        {"empty", "", "empty file"},
        {"blank", "\n\n   \n", "empty file"},
        {"binary",
         std::string("\x7f"
                     "ELF\0\0\x01\x02",
                     8),
         "binary"},
        {"invalid utf8", "Share via\n\nTitle \xff\xfe\n", "UTF-8"},
        {"no asker", "Share via\n\nTitle\n\nNo reputation line here\n", "asker line"},
        {"truncated in answers", truncated, "truncated"},
        {"truncated before answers", "Share via\n\nT\n\nA 1 Reputation points\n\nbody\n", "truncated"},
        {"cut inside the last answer",
         std::string(kMinimalPage).substr(0, std::string(kMinimalPage).find("Your answer")), "footer"},
        {"one huge line", std::string(300 * 1024, 'a'), "too long"},
    }));
    CAPTURE(c.name);
    try {
        SeedPageParser().parse(c.text, "id", "dir/file.txt");
        FAIL("no ParseError");
    } catch (const kb::ParseError& e) {
        CHECK(e.file() == "dir/file.txt");
        CHECK(e.line() >= 1);
        CHECK_THAT(e.what(), Catch::Contains(c.reason));
    }
}

TEST_CASE("invalid UTF-8 is reported at the line it is on", "[unit]") {
    const std::string page = std::string(kMinimalPage);
    const auto third_line = page.find('\n', page.find('\n') + 1) + 1;
    std::string broken = page;
    broken.insert(third_line + 2, "\xe2\x80");  // a character cut short
    try {
        SeedPageParser().parse(broken, "id", "dir/file.txt");
        FAIL("no ParseError");
    } catch (const kb::ParseError& e) {
        CHECK(e.line() == 3);
        CHECK_THAT(e.what(), Catch::Contains("UTF-8"));
    }
}

TEST_CASE("parse_file reports unreadable and oversized files instead of throwing", "[unit]") {
    kb::test::TemporaryDirectory dir;
    const auto big = dir.write("big.txt", std::string(10 * 1024 * 1024, 'x'));
    auto outcome = SeedPageParser().parse_file(big);
    CHECK(outcome.threads.empty());
    REQUIRE(outcome.errors.size() == 1);
    CHECK(outcome.errors[0].file() == big.string());
    auto missing = SeedPageParser().parse_file(dir / "missing.txt");
    REQUIRE(missing.errors.size() == 1);
}

TEST_CASE("comment counts in every written form", "[unit]") {
    struct Row {
        std::string line;
        int count;
    };
    const auto row = GENERATE(values<Row>({
        {"0 comments No comments", 0},
        {"1 comment", 1},
        {"12 comments", 12},
        {"   4 comments   ", 4},
    }));
    const std::string page = "Share via\n\nT\n\nA 1 Reputation points\n\nBody text.\n\nProduct | Area\n" + row.line +
                             "\n\n0 answers\n\nYour answer\n";
    const Thread t = SeedPageParser().parse(page, "t", "t.txt");
    CHECK(t.comment_count == row.count);
    CHECK(t.question == "Body text.");
}

TEST_CASE("every corpus thread parses", "[integration]") {
    const auto corpus = std::filesystem::path(KBSEARCH_SOURCE_DIR) / "corpus";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
        if (entry.path().extension() != ".txt") continue;
        const auto outcome = SeedPageParser().parse_file(entry.path());
        CAPTURE(entry.path().string());
        CHECK(outcome.errors.empty());
        CHECK(outcome.threads.size() == 1);
        ++files;
    }
    CHECK(files >= 60);
}
