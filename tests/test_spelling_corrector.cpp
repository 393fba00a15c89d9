// SpellingCorrector on a real index: which words it corrects (one edit up to seven letters, two
// beyond), which it leaves alone (known, known by stem or synonym, a form of the same word), and
// that correct() rewrites words only, never filters, quotes, '-', codes or operators.
#include <string>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "server/search/spelling_corrector.h"
#include "tests/support/fixture_pages.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

using kb::test::fixture_page;
using kb::test::TemporaryDirectory;

namespace {

const std::string kStaff = "Riya Menon 8,200 Reputation points Microsoft External Staff Moderator";

// Words a loose corrector would get wrong: "activated" but not "activate", "printer" and
// "printing" but not "printed", "login" but not its synonym "logon", "gear" one edit from "near".
void write_main_corpus(const TemporaryDirectory& dir) {
    dir.write("in/mfa.txt", fixture_page("Authenticator app will not register",
                                         "The authenticator app shows a blank page after I activated my phone.",
                                         "Microsoft Security | Microsoft Authenticator",
                                         {{kStaff, "Reinstall the app, then sign in again."}}));
    dir.write("in/outlook.txt", fixture_page("Outlook shows offline",
                                             "Outlook goes offline every morning and the password prompt returns.",
                                             "Microsoft 365 and Office | Outlook",
                                             {{kStaff, "Select the gear icon and turn off Work Offline."}}));
    dir.write("in/printer.txt",
              fixture_page("Printer stops printing",
                           "The printer stops printing after the first page; usage stats are empty.",
                           "Windows | Printing", {{kStaff, "Restart the spooler from the login screen."}}));
}

kb::SpellingCorrector corrector_for(const std::filesystem::path& db) {
    // The published index directory, opened through its stub file DIR/XAPIANDB.
    return kb::SpellingCorrector(Xapian::Database(db.string()), Xapian::Stem("english"));
}

}  // namespace

TEST_CASE("correct_word: misspellings, known words and forms of known words", "[integration]") {
    TemporaryDirectory dir;
    write_main_corpus(dir);
    kb::test::build_index(dir / "db", {dir / "in"});
    const kb::SpellingCorrector corrector = corrector_for(dir / "db");

    // A table, not GENERATE: GENERATE would rebuild the index for every row.
    struct Row {
        const char* word;
        const char* expected;
    };
    static const Row kTable[] = {
        // Nothing under five letters; one edit for words of five to eight letters...
        {"otlk", ""},  // one edit, four letters
        {"outlok", "outlook"},
        {"passwrd", "password"},
        {"offlne", "offline"},  // not "office", two edits away
        {"otlok", ""},          // two edits, five letters
        {"paswrd", ""},         // two edits, six letters
        {"renstal", ""},        // two edits, seven letters
        {"reenstal", ""},       // two edits, eight letters
        // ...two from nine.
        {"reenstall", "reinstall"},  // two edits, nine letters
        {"authentcator", "authenticator"},
        {"athentcator", "authenticator"},
        // Known as itself: no suggestion.
        {"outlook", ""},
        {"authenticator", ""},
        {"offline", ""},
        // Known by its stem only: "printed" is one edit from "printer", but "printing" makes it known.
        {"printed", ""},
        {"activating", ""},
        // "activate" is not in the index, "activated" is: a form of the same word, left alone.
        {"activate", ""},
        // Known to the synonym table ("logon" is a form of "login"): no suggestion.
        {"logon", ""},
        // Nothing close enough.
        {"zzzzzzzz", ""},
    };
    for (const Row& row : kTable) {
        CAPTURE(row.word);
        CHECK(corrector.correct_word(row.word) == row.expected);
    }
}

TEST_CASE("correct_word: offline never becomes office", "[integration]") {
    TemporaryDirectory dir;
    // "office" is in this index and "offline" is not: two edits apart, too far for seven letters.
    dir.write("in/office.txt",
              fixture_page("Office asks for a product key", "Office shows the product key page every day.",
                           "Microsoft 365 and Office | Office", {{kStaff, "Sign in with the licensed account."}}));
    kb::test::build_index(dir / "db", {dir / "in"});
    const kb::SpellingCorrector corrector = corrector_for(dir / "db");
    REQUIRE(Xapian::Database((dir / "db").string()).term_exists("office"));
    REQUIRE_FALSE(Xapian::Database((dir / "db").string()).term_exists("offline"));
    CHECK(corrector.correct_word("offline") == "");
    CHECK(corrector.correct_word("offlne") == "");
    CHECK(corrector.correct_word("ofice") == "office");  // the same index does correct within one edit
}

TEST_CASE("correct: words corrected, filters, quotes, '-', codes and operators kept", "[integration]") {
    TemporaryDirectory dir;
    write_main_corpus(dir);
    kb::test::build_index(dir / "db", {dir / "in"});
    const kb::SpellingCorrector corrector = corrector_for(dir / "db");

    struct Row {
        const char* text;
        const char* expected;
    };
    static const Row kTable[] = {
        {"outlok", "outlook"},
        {"outlok passwrd", "outlook password"},
        {"Outlook passwrd", "Outlook password"},  // only the changed word is rewritten
        {"passwrd product:outlook", "password product:outlook"},
        {"\"outlok passwrd\" prompt", "\"outlook password\" prompt"},  // quotes kept
        {"-outlok printer", "-outlook printer"},                       // '-' kept
        {"outlook -\"passwrd prompt\"", "outlook -\"password prompt\""},
        {"AADSTS500121 authentcator", "AADSTS500121 authenticator"},  // codes kept
        {"0x80070005 outlok", "0x80070005 outlook"},
        {"code:80070005 outlok", "code:80070005 outlook"},
        {"outlok AND passwrd OR NOT printer", "outlook AND password OR NOT printer"},
        {"outlook NEAR printer", ""},  // "near" is one edit from "gear"
        // Nothing changes: "".
        {"outlook password", ""},
        {"activate authenticator", ""},
        {"printed pages", ""},
        {"AADSTS500121", ""},
        {"product:outlook -offline", ""},
    };
    for (const Row& row : kTable) {
        CAPTURE(row.text);
        CHECK(corrector.correct(row.text) == row.expected);
    }
    // A lower-case "near" is a word, but not corrected either: a typo keeps the first letter.
    CHECK(corrector.correct("outlook near printer") == "");
    CHECK(corrector.correct("outlook ptinter") == "outlook printer");
    // A word that stays unknown and uncorrectable leaves the whole text alone.
    CHECK(corrector.correct("outlok qzxwvj") == "");
    // Code-shaped words stay as typed; a corrected word keeps its capital.
    CHECK(corrector.correct("OUTLOK AUTH_TOKN Passwrd") == "OUTLOK AUTH_TOKN Password");
}
