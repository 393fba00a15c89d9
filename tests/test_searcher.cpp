// The Searcher's query side on a real index: "did you mean", as-you-type prefixes and facets
// that keep every product while one is chosen.
#include <sstream>

#include <catch2/catch.hpp>

#include "indexer/index/index_builder.h"
#include "server/search/searcher.h"
#include "tests/support/fixture_pages.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

using kb::test::fixture_page;
using kb::test::TemporaryDirectory;

namespace {

const std::string kStaff = "Riya Menon 8,200 Reputation points Microsoft External Staff Moderator";

// Three products; words chosen so a loose corrector would have something to get wrong.
std::filesystem::path build_fixture_index(const TemporaryDirectory& dir) {
    dir.write("in/mfa.txt", fixture_page("Authenticator push times out with error 500121",
                                         "Sign-in fails with AADSTS500121 after I activated my new phone.",
                                         "Microsoft Security | Microsoft Authenticator",
                                         {{kStaff, "Re-register the Authenticator app from the security info page."}}));
    dir.write("in/activation.txt",
              fixture_page("Windows activation fails with 0xC004F074",
                           "Activation of Windows 11 Pro fails after a new motherboard.", "Windows | Windows 11",
                           {{kStaff, "Run the activation troubleshooter and sign in to relink the license."}}));
    dir.write("in/outlook-1.txt", fixture_page("Outlook keeps asking for my password",
                                               "Outlook prompts for credentials every hour in the office.",
                                               "Microsoft 365 and Office | Outlook",
                                               {{kStaff, "Clear the cached password in Credential Manager."}}));
    dir.write("in/outlook-2.txt", fixture_page("Outlook password prompt after MFA",
                                               "The password prompt loops after multi-factor sign-in was enabled.",
                                               "Microsoft 365 and Office | Outlook",
                                               {{kStaff, "Enable modern authentication for the mailbox."}}));
    kb::test::build_index(dir / "db", {dir / "in"});
    return dir / "db";
}

kb::SearchResult search(kb::Searcher& searcher, const std::string& q, bool partial = false,
                        std::vector<std::string> products = {}) {
    kb::SearchRequest request;
    request.query = q;
    request.partial = partial;
    request.products = std::move(products);
    return searcher.search(request);
}

// The hits' ids, in rank order and as a set.
std::vector<std::string> ids_in_order(const kb::SearchResult& result) {
    std::vector<std::string> ids;
    for (const auto& hit : result.hits) ids.push_back(hit.id);
    return ids;
}

std::set<std::string> ids_of(const kb::SearchResult& r) {
    const std::vector<std::string> ranked = ids_in_order(r);
    return {ranked.begin(), ranked.end()};
}

}  // namespace

TEST_CASE("did you mean: typos corrected, known words and their forms left alone", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));

    // Typo tolerance: the misspelt word among correct ones is read as its correction, whose
    // match is clearly better than "push" alone, and the result says what it searched.
    const auto typo = search(searcher, "authentcator push");
    REQUIRE(typo.suggestion);
    CHECK(*typo.suggestion == "authenticator push");
    CHECK(typo.corrected);
    REQUIRE_FALSE(typo.hits.empty());
    CHECK(typo.hits[0].id == "mfa");
    CHECK(typo.hits[0].title_html.find("<mark>Authenticator</mark>") != std::string::npos);

    const auto only_typo = search(searcher, "pasword");
    REQUIRE(only_typo.suggestion);
    CHECK(*only_typo.suggestion == "password");
    CHECK(only_typo.corrected);
    CHECK(ids_of(only_typo) == std::set<std::string>{"outlook-1", "outlook-2"});

    // "activate" is not in the index but its stem is: no "did you mean activated".
    CHECK_FALSE(search(searcher, "activate windows").suggestion);
    // A known word is never swapped for a more frequent neighbour.
    CHECK_FALSE(search(searcher, "prompts").suggestion);
    // Two edits are too many for a short word: "office" is no correction of "offline".
    const auto offline = search(searcher, "offline");
    CHECK_FALSE(offline.suggestion);
    CHECK(offline.total == 0);
    // Codes are never corrected.
    CHECK_FALSE(search(searcher, "0xC004F075 activation").suggestion);
    // A form the synonym table knows is no misspelling ("signin" is a form of "sign in").
    CHECK_FALSE(search(searcher, "signin").suggestion);
    // The suggestion is the whole query with its words corrected: filters, exclusions and case stay.
    const auto kept = search(searcher, "Pasword -mfa product:outlook");
    REQUIRE(kept.suggestion);
    CHECK(*kept.suggestion == "Password -mfa product:outlook");
}

TEST_CASE("did you mean is honest: no codes, no case changes, no invented matches", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));
    // Code-shaped tokens are written as meant: underscores, capitals, digits.
    CHECK_FALSE(search(searcher, "PASWORD_PROMPTS").suggestion);
    CHECK_FALSE(search(searcher, "PASWORD").suggestion);
    CHECK_FALSE(search(searcher, "PasWord").suggestion);
    // A typo keeps its first letter: "bassword" is no misspelling of "password".
    CHECK_FALSE(search(searcher, "bassword").suggestion);
    // A word that stays unknown leaves the query unreadable: its neighbour is not corrected
    // into a match of its own.
    const auto gibberish = search(searcher, "pasword qzxwvj");
    CHECK_FALSE(gibberish.suggestion);
    CHECK_FALSE(gibberish.corrected);
    CHECK(gibberish.total == 0);
    // The case the word was typed in stays.
    const auto capital = search(searcher, "Pasword");
    REQUIRE(capital.suggestion);
    CHECK(*capital.suggestion == "Password");
}

TEST_CASE("as you type: the last word is a prefix, never a misspelling", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));

    const auto typing = search(searcher, "authen", true);
    CHECK_FALSE(typing.suggestion);
    // "authen" starts "authenticator" and "authentication".
    CHECK(ids_of(typing) == std::set<std::string>{"mfa", "outlook-2"});
    // Without partial the same text is a word of its own, which nothing contains.
    CHECK(search(searcher, "authen").total == 0);

    CHECK(ids_of(search(searcher, "outlook passw", true)) == std::set<std::string>{"outlook-1", "outlook-2"});
    // Half-typed codes, with and without 0x and in their bare number form.
    CHECK(ids_of(search(searcher, "0xC004", true)) == std::set<std::string>{"activation"});
    CHECK(ids_of(search(searcher, "5001", true)) == std::set<std::string>{"mfa"});
    // A trailing space finishes the word: "authen " is not a prefix any more.
    CHECK(search(searcher, "authen ", true).total == 0);
    // Earlier words are still corrected while the last one is typed.
    const auto earlier = search(searcher, "pasword prom", true);
    REQUIRE(earlier.suggestion);
    CHECK(*earlier.suggestion == "password prom");
}

TEST_CASE("typing a query that ends in a whole word ranks and counts as pressing Enter", "[integration]") {
    TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    kb::Searcher searcher(dir / "db");
    const auto top5 = [](const kb::SearchResult& r) {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < r.hits.size() && i < 5; ++i) ids.push_back(r.hits[i].id);
        return ids;
    };
    for (const std::string query : {"teams camera not working", "error 500121 authenticator", "outlook keeps crashing",
                                    "activation", "windows update stuck", "excel formula", "vpn disconnects",
                                    "printer offline", "onedrive sync", "reset password", "teams"}) {
        CAPTURE(query);
        const auto typed = search(searcher, query, true), entered = search(searcher, query);
        CHECK(top5(typed) == top5(entered));
        CHECK(typed.total == entered.total);
    }
    // A word the index has not seen is still a prefix while it is typed.
    const auto prefix = search(searcher, "authenticat", true);
    CHECK(prefix.total > 0);
    CHECK_FALSE(prefix.corrected);
    CHECK(search(searcher, "authenticat").corrected);  // Enter reads it as a misspelling
}

TEST_CASE("a thread that matches only weakly is not counted", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));
    // The mfa thread says "fails" too, but only the activation thread has the code.
    const auto r = search(searcher, "0xC004F074 fails");
    CHECK(ids_of(r) == std::set<std::string>{"activation"});
    CHECK(r.total == 1);
    REQUIRE(r.facets.size() == 1);
    CHECK(r.facets[0].count == 1);
}

TEST_CASE("facets keep every product while one is chosen", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));

    const auto all = search(searcher, "password sign");
    REQUIRE(all.facets.size() >= 2);
    const auto chosen = search(searcher, "password sign", false, {"Microsoft 365 and Office | Outlook"});
    CHECK(chosen.total < all.total);
    CHECK(ids_of(chosen) == std::set<std::string>{"outlook-1", "outlook-2"});
    REQUIRE(chosen.facets.size() == all.facets.size());
    // The chosen product's facet counts exactly the threads shown for it.
    for (const auto& facet : chosen.facets)
        if (facet.value == "Microsoft 365 and Office | Outlook") CHECK(facet.count == chosen.total);
    for (std::size_t i = 0; i < all.facets.size(); ++i) {
        CHECK(chosen.facets[i].value == all.facets[i].value);
        CHECK(chosen.facets[i].count == all.facets[i].count);
    }
    // A product typed into the query is part of the question, so it narrows the facets too.
    const auto typed = search(searcher, "password sign product:outlook");
    REQUIRE(typed.facets.size() == 1);
    CHECK(typed.facets[0].value == "Microsoft 365 and Office | Outlook");
}

TEST_CASE("similar: why names the product only when the draft does, and only telling words", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));

    const auto result = searcher.similar("Outlook password prompt loops since multi-factor sign-in came in", 4);
    REQUIRE(!result.hits.empty());
    const auto& top = result.hits[0];
    CHECK(top.id == "outlook-2");
    CHECK(top.same_product);
    // "loops" is in one thread of four; "password" in half of them explains nothing.
    CHECK(std::find(top.matched.begin(), top.matched.end(), "loops") != top.matched.end());
    CHECK(std::find(top.matched.begin(), top.matched.end(), "password") == top.matched.end());
    for (const auto& hit : result.hits)
        if (hit.id == "mfa") CHECK_FALSE(hit.same_product);  // "sign-in" is no product name

    // Percent follows the order of the hits.
    for (std::size_t i = 1; i < result.hits.size(); ++i) CHECK(result.hits[i].percent <= result.hits[i - 1].percent);
    // A draft of only stop and filler words has nothing to match on.
    CHECK_THROWS_AS(searcher.similar("please help, anyone? thanks", 4), kb::QueryError);

    // "Microsoft Authenticator" is named by "authenticator" alone.
    const auto mfa = searcher.similar("The authenticator app shows error 500121", 1);
    REQUIRE(mfa.hits.size() == 1);
    CHECK(mfa.hits[0].id == "mfa");
    CHECK(mfa.hits[0].same_product);
    CHECK(mfa.hits[0].shared_codes == std::vector<std::string>{"AADSTS500121"});
}

TEST_CASE("excluding with -word and -code, filtering with code:X", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));

    CHECK(ids_of(search(searcher, "password")) == std::set<std::string>{"outlook-1", "outlook-2"});
    CHECK(ids_of(search(searcher, "password -mfa")) == std::set<std::string>{"outlook-1"});
    CHECK(ids_of(search(searcher, "password -\"keeps asking\"")) == std::set<std::string>{"outlook-2"});
    CHECK_THROWS_AS(search(searcher, "-password"), kb::QueryError);

    // A code after '-' is a code, in any of its forms, not a word for the parser.
    CHECK(ids_of(search(searcher, "fails")).count("mfa") == 1);
    CHECK(ids_of(search(searcher, "fails -500121")).count("mfa") == 0);
    CHECK(ids_of(search(searcher, "fails -AADSTS500121")).count("mfa") == 0);
    CHECK(ids_of(search(searcher, "fails -0xC004F074")) == std::set<std::string>{"mfa"});

    // code:X keeps only threads with the code; a code written in the text ranks, not filters.
    CHECK(ids_of(search(searcher, "code:0xC004F074 fails")) == std::set<std::string>{"activation"});
    CHECK(ids_of(search(searcher, "code:0xC004F074")) == std::set<std::string>{"activation"});
    CHECK(ids_of(search(searcher, "0xC004F074 authenticator push fails")) ==
          std::set<std::string>{"activation", "mfa"});
    CHECK(search(searcher, "code:500121 code:0xC004F074").total == 0);

    // A stop word cannot be excluded: "-the" would drop every thread.
    CHECK(ids_of(search(searcher, "password -the")) == std::set<std::string>{"outlook-1", "outlook-2"});
    // Exclusions apply when a product filter is all that is positive, and to products.
    CHECK(ids_of(search(searcher, "product:outlook -mfa")) == std::set<std::string>{"outlook-1"});
    CHECK(ids_of(search(searcher, "password sign")).count("outlook-1") == 1);
    CHECK(ids_of(search(searcher, "password sign -product:outlook")) == std::set<std::string>{"activation", "mfa"});
}

TEST_CASE("snippets highlight the code searched for, suggest offers codes only for code-like prefixes",
          "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));

    // The code is in the activation thread's title only, and in the MFA thread's question.
    const auto r = search(searcher, "0xC004F074");
    REQUIRE(r.hits.size() == 1);
    CHECK_THAT(r.hits[0].title_html, Catch::Contains("<mark>0xC004F074</mark>"));
    const auto mfa = search(searcher, "error 500121");
    REQUIRE(!mfa.hits.empty());
    CHECK(mfa.hits[0].id == "mfa");
    CHECK_THAT(mfa.hits[0].snippet, Catch::Contains("<mark>AADSTS500121</mark>"));

    auto kinds = [&](const std::string& q) {
        std::set<std::string> out;
        for (const auto& c : searcher.suggest(q, 8)) out.insert(c.kind + ":" + c.text);
        return out;
    };
    CHECK(kinds("windows c").count("code:windows c004f074") == 0);
    CHECK(kinds("windows c00").count("code:windows c004f074") == 1);
    CHECK(kinds("5001").count("code:500121") == 1);
}

TEST_CASE("titles come back whole, with the matched words marked", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));
    const auto r = search(searcher, "authenticator push");
    REQUIRE(!r.hits.empty());
    CHECK(r.hits[0].id == "mfa");
    CHECK(r.hits[0].title_html == "<mark>Authenticator</mark> <mark>push</mark> times out with error 500121");
}

namespace {

// Four printer threads of known dates, two with an accepted answer, one without a date. They ask
// the same thing, so they are one duplicate group: the tests list every thread (collapse off).
std::filesystem::path build_dated_index(const TemporaryDirectory& dir) {
    dir.write(
        "in/printers.jsonl",
        R"({"id": "p-2019", "title": "Printer offline after update", "question": "The printer shows offline.", "product": ["Printers"], "date": "2019-05-01T08:00:00Z", "answers": [{"body": "Restart the spooler service.", "accepted": true}]})"
        "\n"
        R"({"id": "p-2024", "title": "Printer offline again", "question": "My printer is offline every morning.", "product": ["Printers"], "date": "2024-02-10 09:30:00", "answers": [{"body": "Turn off the sleep mode of the printer."}]})"
        "\n"
        R"({"id": "p-2021", "title": "Network printer offline printer offline", "question": "Printer offline on the network.", "product": ["Printers"], "date": "2021-11-30", "answers": [{"body": "Give the printer a fixed address.", "accepted": true}]})"
        "\n"
        R"({"id": "p-nodate", "title": "Printer offline", "question": "Printer offline, printer offline.", "answers": [{"body": "Reinstall the driver."}]})"
        "\n");
    kb::test::build_index(dir / "db", {dir / "in"});
    return dir / "db";
}

}  // namespace

TEST_CASE("sort by newest: the same matches, newest thread first, undated last", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_dated_index(dir));
    kb::SearchRequest request;
    request.query = "printer offline";
    request.collapse = false;
    const kb::SearchResult by_relevance = searcher.search(request);
    request.sort = kb::SortOrder::Newest;
    const kb::SearchResult by_date = searcher.search(request);
    CHECK(ids_in_order(by_date) == std::vector<std::string>{"p-2024", "p-2021", "p-2019", "p-nodate"});
    CHECK(ids_in_order(by_relevance) != ids_in_order(by_date));
    CHECK(by_date.total == by_relevance.total);
    // Folded, the group's newest thread stands for it.
    request.collapse = true;
    const kb::SearchResult folded = searcher.search(request);
    CHECK(ids_in_order(folded) == std::vector<std::string>{"p-2024"});
    CHECK(folded.hits.at(0).similar == 3);
}

TEST_CASE("accepted answers only: threads without one are left out, in the facets too", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_dated_index(dir));
    kb::SearchRequest request;
    request.query = "printer";
    request.collapse = false;
    request.accepted_only = true;
    const kb::SearchResult result = searcher.search(request);
    CHECK(ids_of(result) == std::set<std::string>{"p-2019", "p-2021"});
    CHECK(result.total == 2);
    // Three printer threads match, two with an accepted answer: the facet counts those two.
    REQUIRE(result.facets.size() == 1);
    CHECK(result.facets[0].value == "Printers");
    CHECK(result.facets[0].count == 2);
    for (const auto& hit : result.hits) {
        REQUIRE(hit.answer);
        CHECK(hit.answer->accepted);
    }
    request.sort = kb::SortOrder::Newest;
    CHECK(ids_in_order(searcher.search(request)) == std::vector<std::string>{"p-2021", "p-2019"});
}

TEST_CASE("a query with a code the index knows gets the code's card, on its first page only", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));
    const kb::SearchResult typed = search(searcher, "500121 push");
    REQUIRE(typed.code_card);
    CHECK(typed.code_card->code == "AADSTS500121");  // as the thread writes it
    CHECK(typed.code_card->threads == 1);
    REQUIRE(typed.code_card->products.size() == 1);
    CHECK(typed.code_card->products[0].value == "Microsoft Security | Microsoft Authenticator");
    REQUIRE(typed.code_card->thread);
    CHECK(typed.code_card->thread->id == "mfa");
    REQUIRE(typed.code_card->thread->answer);
    CHECK_THAT(typed.code_card->thread->answer->text, Catch::Contains("Re-register"));
    CHECK_FALSE(search(searcher, "outlook password").code_card);
    CHECK_FALSE(search(searcher, "0x80071234 outlook").code_card);  // a code no thread has
    kb::SearchRequest second;
    second.query = "500121";
    second.offset = 1;
    CHECK_FALSE(searcher.search(second).code_card);
}

TEST_CASE("the code card says what holds under the query's filters, never 'unanswered' when it is not",
          "[integration]") {
    TemporaryDirectory dir;
    const std::string windows = "Windows | Windows 10", excel = "Microsoft 365 and Office | Excel";
    dir.write("in/w1.txt", fixture_page("Activation fails with 0x80070005", "slmgr says 0x80070005 access denied.",
                                        windows, {{kStaff, "Run the prompt as administrator."}}));
    dir.write("in/w2.txt", fixture_page("Update error 0x80070005", "Windows Update stops with 0x80070005.", windows,
                                        {{kStaff, "Reset the update components."}}));
    dir.write("in/x1.txt",
              fixture_page("Excel cannot save: 0x80070005", "Saving to the share fails with 0x80070005.", excel, {}));
    dir.write("in/x2.txt",
              fixture_page("Excel add-in error 0x800A03EC", "The macro fails with 0x800A03EC.", excel, {}));
    kb::test::build_index(dir / "db", {dir / "in"});
    kb::Searcher searcher(dir / "db");

    // The README's case: the filters leave no thread, yet two of the code's three are answered.
    const kb::SearchResult none = search(searcher, "code:0x80070005 product:outlook \"send receive\"");
    CHECK(none.total == 0);
    REQUIRE(none.code_card);
    CHECK_FALSE(none.code_card->thread);
    CHECK(none.code_card->threads == 3);
    CHECK(none.code_card->matching == 0);
    CHECK(none.code_card->answered == 2u);
    CHECK(none.code_card->narrowed_by == std::vector<std::string>{"\"send receive\"", "product:outlook"});
    // A filter that leaves only the unanswered thread: it matches, none of what matches is answered.
    const kb::SearchResult excel_only = search(searcher, "0x80070005", false, {excel});
    REQUIRE(excel_only.code_card);
    CHECK_FALSE(excel_only.code_card->thread);
    CHECK(excel_only.code_card->matching == 1);
    CHECK(excel_only.code_card->answered == 2u);
    CHECK(excel_only.code_card->narrowed_by == std::vector<std::string>{"product: " + excel});
    // Truly unanswered: 0, whatever the filters.
    const kb::SearchResult unanswered = search(searcher, "0x800A03EC");
    REQUIRE(unanswered.code_card);
    CHECK_FALSE(unanswered.code_card->thread);
    CHECK(unanswered.code_card->matching == 1);
    CHECK(unanswered.code_card->answered == 0u);
    // An answered match under the filters: the card has it, and counts nothing more.
    const kb::SearchResult plain = search(searcher, "0x80070005 update");
    REQUIRE(plain.code_card);
    REQUIRE(plain.code_card->thread);
    CHECK(plain.code_card->thread->id == "w2");
    CHECK_FALSE(plain.code_card->answered);
    CHECK(plain.code_card->matching >= 1);
}

TEST_CASE("the code card finds an answered match past the best few unanswered ones", "[integration]") {
    TemporaryDirectory dir;
    const std::string onedrive = "Microsoft 365 and Office | OneDrive";
    for (int i = 0; i < 6; ++i)
        dir.write("in/open-" + std::to_string(i) + ".txt",
                  fixture_page("Sync stuck, sync error 0x8004de40 sync " + std::to_string(i),
                               "Sync fails: 0x8004de40 on sync, sync again.", onedrive, {}));
    dir.write("in/answered.txt",
              fixture_page("OneDrive error 0x8004de40",
                           "OneDrive shows 0x8004de40 after the router was replaced and then it would not sync, "
                           "although the browser works and other apps connect.",
                           onedrive, {{kStaff, "Turn on TLS 1.2 in Internet Options."}}));
    kb::test::build_index(dir / "db", {dir / "in"});
    kb::Searcher searcher(dir / "db");
    kb::SearchRequest every;
    every.query = "0x8004de40 sync";
    every.collapse = false;
    const kb::SearchResult r = searcher.search(every);
    // The premise: the five best matches have no answer.
    REQUIRE(r.hits.size() == 7);
    for (std::size_t i = 0; i < 5; ++i) CHECK_FALSE(r.hits[i].answer);
    REQUIRE(r.code_card);
    CHECK(r.code_card->matching == 7);
    REQUIRE(r.code_card->thread);
    CHECK(r.code_card->thread->id == "answered");
}

TEST_CASE("a product filter that names no product comes back with the nearest products", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));
    const kb::SearchResult typo = search(searcher, "password product:outlok");
    CHECK(typo.total == 0);
    REQUIRE(typo.unknown_products.size() == 1);
    CHECK(typo.unknown_products[0].product == "outlok");
    REQUIRE_FALSE(typo.unknown_products[0].nearest.empty());
    CHECK(typo.unknown_products[0].nearest[0] == "outlook");
    // A part of a longer name comes first: "authenticator" is in "microsoft-authenticator".
    const kb::SearchResult part = search(searcher, "push", false, {"Authenticator"});
    REQUIRE(part.unknown_products.size() == 1);
    CHECK(part.unknown_products[0].product == "Authenticator");
    REQUIRE_FALSE(part.unknown_products[0].nearest.empty());
    CHECK(part.unknown_products[0].nearest[0] == "microsoft-authenticator");
    // Known products, and products nothing is near, say so too.
    CHECK(search(searcher, "password product:outlook").unknown_products.empty());
    const kb::SearchResult far = search(searcher, "password product:zebra");
    REQUIRE(far.unknown_products.size() == 1);
    CHECK(far.unknown_products[0].nearest.empty());
}

TEST_CASE("a long query of filler words is searched, not refused by the question blend", "[integration]") {
    TemporaryDirectory dir;
    kb::Searcher searcher(build_fixture_index(dir));
    // Twelve words and more read as a pasted question; the duplicate finder has none of them left.
    CHECK_NOTHROW(search(searcher, "what is the how are you can it be that we do this and so"));
    const kb::SearchResult pasted =
        search(searcher, "my outlook keeps asking for my password every hour in the office since the update");
    REQUIRE_FALSE(pasted.hits.empty());
    CHECK(pasted.hits[0].id.rfind("outlook-", 0) == 0);
}
