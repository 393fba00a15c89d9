// Bounded work per query: past the matches the matcher weighs in full, facet counts are scaled
// to the estimated total, so they still add up to it and keep their proportions; phrases and
// words are capped; every request is held to its time budget.
#include <algorithm>
#include <fstream>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/http/http_server.h"
#include "server/search/query_builder.h"
#include "server/search/searcher.h"
#include "tests/support/running_server.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

namespace {

// `count` printer threads, a third of them about laser printers, with weights that differ.
std::filesystem::path printer_index(const kb::test::TemporaryDirectory& dir, int count = 3000) {
    {
        std::ofstream out(dir / "threads.jsonl");
        for (int i = 0; i < count; ++i) {
            const char* product = i % 3 == 0 ? "Laser printers" : "Inkjet printers";
            // Repeated words give the threads different weights, so the matcher can stop early.
            std::string question = "The printer shows offline";
            for (int r = 0; r < i % 7; ++r) question += " offline again";
            out << R"({"id":"t-)" << i << R"(","title":"Printer offline number )" << i << R"(","question":")"
                << question << R"(","product":[")" << product << R"("],"answers":[{"body":"Restart the spooler )"
                << "and print again" << (i % 5 == 0 ? " from the printer queue" : "") << R"(","role":"staff"}]})"
                << "\n";
        }
    }
    kb::test::build_index(dir / "db", {dir / "threads.jsonl"});
    return dir / "db";
}

}  // namespace

TEST_CASE("facets over more matches than are weighed in full still add up to the total", "[integration]") {
    kb::test::TemporaryDirectory dir;
    kb::Searcher searcher(printer_index(dir));
    kb::SearchRequest request;
    request.query = "printer offline";
    request.with_facets = true;
    const kb::SearchResult result = searcher.search(request);
    REQUIRE(result.total > 0);
    REQUIRE(result.facets.size() == 2);
    unsigned laser = 0, inkjet = 0;
    for (const kb::Facet& f : result.facets) (f.value == "Laser printers" ? laser : inkjet) = f.count;
    CAPTURE(result.total, laser, inkjet, result.facets_estimated);
    CHECK(std::abs(double(laser + inkjet) - result.total) <= 0.02 * result.total);
    CHECK(inkjet > laser);
    CHECK(std::abs(double(inkjet) / laser - 2.0) < 0.3);
}

namespace {

// Threads whose words the tests below can quote: "w0 w1", "w2 w3", ...
std::filesystem::path phrase_index(const kb::test::TemporaryDirectory& dir) {
    std::ofstream out(dir / "threads.jsonl");
    std::string words;
    for (int w = 0; w < 40; ++w) words += " w" + std::to_string(w);
    const std::string long_answer = [] {
        std::string text;
        while (text.size() < 20000) text += "Open the settings page and choose the printer again. ";
        return text;
    }();
    out << R"({"id":"p-1","title":"Printer offline)" << words << R"(","question":"The printer shows offline)" << words
        << R"(","product":["Printers"],"answers":[{"body":")" << long_answer << R"(","role":"staff","accepted":true}]})"
        << "\n";
    std::string long_title = "Printer offline";
    while (long_title.size() < 2000) long_title += " spooler";
    out << R"({"id":"p-2","title":")" << long_title
        << R"(","question":"Printer offline again","product":["Printers"],"answers":[]})"
        << "\n";
    out.close();
    kb::test::build_index(dir / "db", {dir / "threads.jsonl"});
    return dir / "db";
}

}  // namespace

TEST_CASE("a query holding more phrases than a search weighs is read as words or refused with its limit",
          "[integration]") {
    kb::test::TemporaryDirectory dir;
    kb::Searcher searcher(phrase_index(dir));
    kb::SearchRequest request;
    request.collapse = false;
    // Each pair in reverse: words p-1 holds, never as that phrase.
    auto reversed_phrases = [](int phrases) {
        std::string query;
        for (int i = 0; i < phrases; ++i)
            query += "\"w" + std::to_string(2 * i + 1) + " w" + std::to_string(2 * i) + "\" ";
        return query;
    };
    const int cap = static_cast<int>(kb::QueryBuilder::kMaxQuotedPhrases);
    // Up to the cap, quotes make phrases: none of these is one of p-1's, and p-2 has the last.
    request.query = reversed_phrases(cap - 1) + "\"spooler spooler\"";
    CHECK(searcher.search(request).total == 1);
    CHECK(searcher.search(request).hits.at(0).id == "p-2");
    // Past it, the quotes are dropped and the words searched, as in a pasted question.
    for (const int phrases : {cap, 18}) {
        request.query = reversed_phrases(phrases) + "\"spooler spooler\"";
        const kb::SearchResult words = searcher.search(request);
        CHECK(std::any_of(words.hits.begin(), words.hits.end(), [](const auto& hit) { return hit.id == "p-1"; }));
    }
    // Words joined by hyphens are phrases to the parser whatever the quotes: a few are ordinary
    // text, more than a search weighs are refused with the limit.
    request.query = "sign-in e-mail wi-fi set-up log-in re-install printer w0-w1";
    CHECK_NOTHROW(searcher.search(request));
    request.query.clear();
    for (int i = 0; i < 40; ++i) request.query += "w" + std::to_string(i) + "-w" + std::to_string(i + 1) + " ";
    try {
        searcher.search(request);
        FAIL("a query over the phrase cap was searched");
    } catch (const kb::QueryError& e) {
        CHECK(e.problem() == kb::QueryProblem::TooComplex);
        CHECK(std::string(e.what()).find(std::to_string(kb::QueryBuilder::kMaxPhrases)) != std::string::npos);
    }
    // Hundreds of distinct short words: over the word cap, whatever their length in bytes.
    request.query.clear();
    for (int i = 0; i < 400; ++i) request.query += "q" + std::to_string(i) + " ";
    CHECK_THROWS_AS(searcher.search(request), kb::QueryError);
}

TEST_CASE("a hit carries previews of a long title and answer, and the whole copy text", "[integration]") {
    kb::test::TemporaryDirectory dir;
    kb::Searcher searcher(phrase_index(dir));
    kb::SearchRequest request;
    auto only_hit = [&](const std::string& query) {
        request.query = query;
        const kb::SearchResult result = searcher.search(request);
        REQUIRE(result.hits.size() == 1);
        return result.hits[0];
    };
    const kb::SearchHit titled = only_hit("spooler");
    CHECK(titled.id == "p-2");
    CHECK(titled.title.size() <= 300 + std::string("…").size());
    CHECK(titled.title.ends_with("…"));
    CHECK(titled.title_html.size() < 1000);

    const kb::SearchHit answered = only_hit("w0 w1 w2");
    CHECK(answered.id == "p-1");
    REQUIRE(answered.answer);
    CHECK(answered.answer->text_truncated);
    CHECK(answered.answer->text.size() <= 8 * 1024 + std::string("…").size());
    CHECK(answered.answer->copy.size() > 19000);  // the copy is the whole answer
    // The thread itself holds all of it.
    CHECK(searcher.thread("p-1").thread.answers.at(0).body.size() > 19000);
}

TEST_CASE("a search past its time budget answers with what it found, marked timed out", "[integration]") {
    kb::test::TemporaryDirectory dir;
    kb::Searcher searcher(printer_index(dir, 600));
    kb::SearchRequest request;
    request.query = "printer offline";
    request.with_facets = true;
    const kb::SearchResult whole = searcher.search(request);
    REQUIRE(whole.total > 300);
    CHECK_FALSE(whole.timed_out);

    // A budget the search stays within changes nothing.
    searcher.set_time_budget(std::chrono::seconds(60));
    const kb::SearchResult timed = searcher.search(request);
    CHECK_FALSE(timed.timed_out);
    CHECK(timed.total == whole.total);
    REQUIRE(timed.hits.size() == whole.hits.size());
    for (std::size_t i = 0; i < whole.hits.size(); ++i) CHECK(timed.hits[i].id == whole.hits[i].id);
    CHECK(timed.facets.size() == whole.facets.size());

    // A spent budget stops the matcher and is reported. Spent before the matcher starts: it
    // stops at its first look at the clock.
    searcher.set_time_budget(std::chrono::microseconds(1));
    const kb::SearchResult cut = searcher.search(request);
    CHECK(cut.timed_out);
    CHECK(cut.total < whole.total);
    CHECK_FALSE(cut.code_card);
    const kb::SearchResult draft = searcher.similar("My printer shows offline again and again", 10);
    CHECK(draft.timed_out);
    kb::AnswersRequest asked;
    asked.search.query = "printer offline spooler";
    asked.search.limit = 5;
    CHECK(searcher.answers(asked).timed_out);

    // Each request has a budget of its own: lifted, the next search is whole again.
    searcher.set_time_budget(std::chrono::microseconds(0));
    const kb::SearchResult after = searcher.search(request);
    CHECK_FALSE(after.timed_out);
    CHECK(after.total == whole.total);
}

TEST_CASE("the server holds each request to its time budget and says when it ran out", "[http]") {
    kb::test::TemporaryDirectory dir;
    const std::filesystem::path db = printer_index(dir, 600);
    const auto timed_out = [](const httplib::Result& res) {
        REQUIRE(res);
        CHECK(res->status == 200);
        const nlohmann::json body = nlohmann::json::parse(res->body);
        return body.contains("timed_out") && body["timed_out"] == true;
    };
    {
        // The default budget leaves an ordinary search whole.
        const kb::test::RunningServer server(kb::test::test_server_options(db));
        auto client = server.client();
        CHECK_FALSE(timed_out(client.Get("/api/search?q=printer%20offline")));
        CHECK_FALSE(timed_out(client.Get("/api/answers?q=printer%20offline%20spooler")));
    }
    // A spent budget answers 200 with what was found, marked.
    kb::ServerOptions options = kb::test::test_server_options(db);
    options.search_budget = std::chrono::microseconds(1);
    const kb::test::RunningServer server(options);
    auto client = server.client();
    CHECK(timed_out(client.Get("/api/search?q=printer%20offline")));
    CHECK(timed_out(client.Get("/api/answers?q=printer%20offline%20spooler")));
    CHECK(timed_out(client.Post("/api/similar", R"({"text":"my printer shows offline again"})", "application/json")));
    // The worker is free for the next client: the server keeps answering.
    const auto health = client.Get("/api/health");
    REQUIRE(health);
    CHECK(health->status == 200);
}
