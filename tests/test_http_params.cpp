// HTTP parameter parsing, without a socket: valid forms become requests, everything else a QueryError.
#include <catch2/catch.hpp>

#include "indexer/text/errors.h"
#include "server/http/http_params.h"

using kb::QueryParams;

TEST_CASE("search parameters", "[unit]") {
    const auto r = kb::search_request_from(
        QueryParams{{"q", "outlook"}, {"limit", "5"}, {"offset", "10"}, {"product", "A"}, {"product", "B"}});
    CHECK(r.query == "outlook");
    CHECK(r.limit == 5);
    CHECK(r.offset == 10);
    CHECK(r.products == std::vector<std::string>{"A", "B"});
    CHECK(kb::search_request_from(QueryParams{{"q", "x"}}).limit == 10);
    const auto plain = kb::search_request_from(QueryParams{{"q", "x"}});
    CHECK(plain.sort == kb::SortOrder::Relevance);
    CHECK(!plain.accepted_only);
    const auto newest = kb::search_request_from(QueryParams{{"q", "x"}, {"sort", "newest"}, {"accepted", "1"}});
    CHECK(newest.sort == kb::SortOrder::Newest);
    CHECK(newest.accepted_only);
    CHECK(kb::search_request_from(QueryParams{{"q", "x"}, {"sort", "relevance"}}).sort == kb::SortOrder::Relevance);
}

TEST_CASE("bad search parameters are QueryErrors", "[unit]") {
    const auto params = GENERATE(values<QueryParams>({
        {},
        {{"q", "a"}, {"limit", "-1"}},
        {{"q", "a"}, {"limit", "101"}},
        {{"q", "a"}, {"limit", "99999999999999999999"}},
        {{"q", "a"}, {"limit", "ten"}},
        {{"q", "a"}, {"limit", "5x"}},
        {{"q", "a"}, {"offset", "-5"}},
        {{"q", "a"}, {"offset", "1000000"}},
        {{"q", "a"}, {"colour", "red"}},
        {{"q", "a"}, {"q", "b"}},
        {{"q", "a"}, {"sort", "oldest"}},
        {{"q", "a"}, {"sort", "newest"}, {"sort", "newest"}},
        {{"q", "a"}, {"accepted", "yes"}},
    }));
    CHECK_THROWS_AS(kb::search_request_from(params), kb::QueryError);
}

TEST_CASE("answers parameters", "[unit]") {
    const auto r = kb::answers_request_from(QueryParams{{"q", "outlook password"},
                                                        {"limit", "5"},
                                                        {"threads", "30"},
                                                        {"product", "Outlook"},
                                                        {"product", ""},
                                                        {"product", "Teams"},
                                                        {"accepted", "1"}});
    CHECK(r.search.query == "outlook password");
    CHECK(r.search.limit == 5);
    CHECK(r.threads == kb::kMaxAnswerThreads);
    CHECK(r.search.products == std::vector<std::string>{"Outlook", "Teams"});
    CHECK(r.search.accepted_only);
    CHECK(r.within.empty());
    const auto plain = kb::answers_request_from(QueryParams{{"q", "x"}});
    CHECK(plain.search.limit == 10);
    CHECK(plain.threads == 10);
    CHECK(plain.search.products.empty());
    CHECK_FALSE(plain.search.accepted_only);
    CHECK(kb::answers_request_from(QueryParams{{"q", "x"}, {"limit", "1"}, {"threads", "1"}}).threads == 1);
}

TEST_CASE("bad answers parameters are QueryErrors that say which", "[unit]") {
    using Problem = kb::QueryProblem;
    struct Case {
        QueryParams params;
        Problem problem;
    };
    const std::vector<Case> cases{
        {QueryParams{}, Problem::MissingParameter},
        {QueryParams{{"limit", "5"}}, Problem::MissingParameter},
        {QueryParams{{"q", "a"}, {"q", "b"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"limit", "0"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"limit", "101"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"limit", "five"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"limit", "5"}, {"limit", "5"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"threads", "0"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"threads", "31"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"threads", "3.5"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"threads", "2"}, {"threads", "3"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"accepted", "2"}}, Problem::BadParameter},
        // What orders or pages threads has no meaning for answers, and is refused, not ignored.
        {QueryParams{{"q", "a"}, {"offset", "10"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"sort", "newest"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"collapse", "0"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"partial", "1"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"colour", "red"}}, Problem::BadParameter},
        {QueryParams{{"q", "a"}, {"product", std::string(201, 'p')}}, Problem::TooLong},
    };
    for (const auto& [params, problem] : cases) {
        std::string query;
        for (const auto& [name, value] : params) query += "&" + name + "=" + value.substr(0, 20);
        CAPTURE(query);
        try {
            kb::answers_request_from(params);
            FAIL("no QueryError");
        } catch (const kb::QueryError& e) {
            CHECK(e.problem() == problem);
        }
    }
}

TEST_CASE("similar bodies", "[unit]") {
    const auto r = kb::similar_request_from(R"({"title": "Outlook", "text": "It crashes", "limit": 3})");
    CHECK(r.text == "Outlook\n\nIt crashes");
    CHECK(r.limit == 3);
    for (const std::string bad :
         {"", "not json", "[1,2]", "{\"text\": 5}", "{\"txt\": \"a\"}", "{\"text\": \"a\", \"limit\": 0}",
          "{\"text\": \"a\", \"limit\": \"3\"}", "{\"text\": \"\xff\"}", "{\"text\": \"a\""}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(kb::similar_request_from(bad), kb::QueryError);
    }
    CHECK_THROWS_AS(kb::similar_request_from("{\"text\": \"" + std::string(40000, 'a') + "\"}"), kb::QueryError);
}

TEST_CASE("suggest and parameterless routes", "[unit]") {
    CHECK(kb::suggest_request_from(QueryParams{{"q", "outl"}}).query == "outl");
    CHECK_THROWS_AS(kb::suggest_request_from(QueryParams{{"q", "a"}, {"limit", "0"}}), kb::QueryError);
    CHECK_NOTHROW(kb::expect_no_params(QueryParams{}));
    CHECK_THROWS_AS(kb::expect_no_params(QueryParams{{"x", "1"}}), kb::QueryError);
}
