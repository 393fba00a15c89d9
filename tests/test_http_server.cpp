// The real HTTP server on an ephemeral loopback port against a real index: every endpoint,
// every bad input, reopen after a re-index, and concurrent clients.
#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <unistd.h>

#include "indexer/index/index_builder.h"
#include "indexer/index/index_updater.h"
#include "indexer/text/pii_scrubber.h"
#include "server/http/http_server.h"
#include "tests/support/fixture_pages.h"
#include "tests/support/running_server.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

using kb::test::fixture_page;
using kb::test::FixtureAnswer;
using kb::test::get_json;
using kb::test::raw_exchange;
using kb::test::RunningServer;
using kb::test::TemporaryDirectory;
using nlohmann::json;

namespace {

const std::string kStaff = "Riya Menon 8,200 Reputation points Microsoft External Staff Moderator";

void write_corpus(const TemporaryDirectory& dir, const std::string& folder) {
    dir.write(folder + "/mfa-1.txt",
              fixture_page("Authenticator push times out with error 500121",
                           "Sign-in fails with AADSTS500121 after I changed my phone.",
                           "Microsoft Security | Microsoft Authenticator",
                           {{kStaff, "Re-register the Authenticator app from the security info page.", true, 2}}));
    dir.write(
        folder + "/mfa-2.txt",
        fixture_page("No verification code arrives in Authenticator", "Error Code: 500121 and no code on my new phone.",
                     "Microsoft Security | Microsoft Authenticator",
                     {{"AI answer", "Use another sign-in method, then add the app again."}}));
    dir.write(folder + "/outlook-1.txt",
              fixture_page("Outlook keeps asking for my password",
                           "Outlook prompts for credentials every hour on Windows 11.",
                           "Microsoft 365 and Office | Outlook | For business | Windows",
                           {{kStaff, "Clear the cached credentials in Credential Manager and restart Outlook."}}));
    dir.write(folder + "/excel-1.txt",
              fixture_page("Excel cannot save to network share", "Saving fails with 0x80070005 access denied.",
                           "Microsoft 365 and Office | Excel | For business | Windows",
                           {{"Sam Lee 40 Reputation points", "You need Modify rights on the folder."}}));
}

void build_index(const std::filesystem::path& db, const std::filesystem::path& input) {
    kb::test::build_index(db, {input});
}

// The fixture corpus written to dir/in and indexed into dir/db; returns the db.
std::filesystem::path indexed_corpus(const TemporaryDirectory& dir) {
    write_corpus(dir, "in");
    build_index(dir / "db", dir / "in");
    return dir / "db";
}

// Three clients searching in a loop while a test changes the index under the server.
class SearchingClients {
  public:
    explicit SearchingClients(const RunningServer& server) {
        for (int t = 0; t < 3; ++t)
            clients_.emplace_back([this, &server] {
                auto client = server.client();
                while (!stop_) {
                    auto res = client.Get("/api/search?q=authenticator");
                    ++requests_;
                    if (!res || res->status != 200) ++failures_;
                }
            });
    }
    ~SearchingClients() { stop(); }
    // Stops them; returns how many requests they made and how many did not get a 200.
    std::pair<int, int> stop() {
        stop_ = true;
        for (auto& t : clients_)
            if (t.joinable()) t.join();
        return {requests_.load(), failures_.load()};
    }

  private:
    std::atomic<bool> stop_{false};
    std::atomic<int> failures_{0}, requests_{0};
    std::vector<std::thread> clients_;
};

std::string url_encode(const std::string& s) {
    std::string out;
    const char* hex = "0123456789ABCDEF";
    for (char byte : s) {
        const auto c = static_cast<unsigned char>(byte);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += byte;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

TEST_CASE("every endpoint answers with JSON", "[http]") {
    TemporaryDirectory dir;
    RunningServer server(indexed_corpus(dir));
    auto client = server.client();

    SECTION("search") {
        const json r = get_json(client, "/api/search?q=" + url_encode("error 500121 authenticator"), 200);
        REQUIRE(r["hits"].size() >= 2);
        const std::set<std::string> top{r["hits"][0]["id"], r["hits"][1]["id"]};
        CHECK(top == std::set<std::string>{"mfa-1", "mfa-2"});
        CHECK(r["hits"][0]["answer"]["text"].get<std::string>().find("Re-register") == 0);
        CHECK(r["facets"].is_array());
        CHECK(r["took_ms"].is_number());
        CHECK(r["suggestion"].is_null());
        CHECK(r["query"] == "error 500121 authenticator");
    }
    SECTION("facets count the whole match set and product filters narrow") {
        const json all = get_json(client, "/api/search?q=" + url_encode("error OR outlook OR excel"), 200);
        unsigned facet_total = 0;
        for (const auto& f : all["facets"]) facet_total += f["count"].get<unsigned>();
        CHECK(all["total"] == 4);
        CHECK(facet_total == all["total"].get<unsigned>());
        const json only = get_json(client,
                                   "/api/search?q=" + url_encode("error OR outlook OR excel") +
                                       "&product=" + url_encode("Microsoft Security | Microsoft Authenticator"),
                                   200);
        CHECK(only["total"] == 2);
        const json prefix = get_json(client, "/api/search?q=" + url_encode("product:outlook password"), 200);
        REQUIRE(prefix["hits"].size() == 1);
        CHECK(prefix["hits"][0]["id"] == "outlook-1");
    }
    SECTION("phrases, exclusion and code: prefix") {
        CHECK(get_json(client, "/api/search?q=" + url_encode("\"network share\""), 200)["hits"][0]["id"] == "excel-1");
        // Only mfa-1 says "changed"; both authenticator threads mention a phone.
        const json minus = get_json(client, "/api/search?q=" + url_encode("authenticator -changed"), 200);
        REQUIRE(minus["hits"].size() == 1);
        CHECK(minus["hits"][0]["id"] == "mfa-2");
        CHECK(get_json(client, "/api/search?q=" + url_encode("authenticator -phone"), 200)["total"] == 0);
        const json code = get_json(client, "/api/search?q=" + url_encode("code:80070005"), 200);
        REQUIRE(code["hits"].size() == 1);
        CHECK(code["hits"][0]["id"] == "excel-1");
    }
    SECTION("did you mean, and corrected results when the query finds nothing") {
        const json r = get_json(client, "/api/search?q=" + url_encode("passwrd"), 200);
        CHECK(r["suggestion"] == "password");
        CHECK(r["corrected"] == true);
        REQUIRE(!r["hits"].empty());
        CHECK(r["hits"][0]["id"] == "outlook-1");
    }
    SECTION("suggest completes words and codes") {
        const json words = get_json(client, "/api/suggest?q=" + url_encode("keeps pass"), 200);
        REQUIRE(!words["completions"].empty());
        CHECK(words["completions"][0]["text"] == "keeps password");
        const json codes = get_json(client, "/api/suggest?q=5001", 200);
        bool found = false;
        for (const auto& c : codes["completions"]) found = found || (c["kind"] == "code" && c["text"] == "500121");
        CHECK(found);
    }
    SECTION("thread by id, with the canonical answer marked and related threads by code") {
        const json t = get_json(client, "/api/threads/mfa-1", 200);
        CHECK(t["title"] == "Authenticator push times out with error 500121");
        CHECK(t["canonical"] == 0);
        CHECK(t["answers"][0]["accepted"] == true);
        CHECK(t["answers"][0]["canonical"] == true);
        CHECK(t["answers"][0]["role"] == "staff_moderator");
        REQUIRE(t["related"].size() == 1);
        CHECK(t["related"][0]["id"] == "mfa-2");
        CHECK(t["duplicates"].is_array());
        const json missing = get_json(client, "/api/threads/nope", 404);
        CHECK(missing["error"]["code"] == "thread_not_found");
    }
    SECTION("similar finds the duplicate of a draft") {
        auto res =
            client.Post("/api/similar",
                        json{{"title", "authenticator code never arrives"},
                             {"text", "After moving to a new phone I get error 500121 and no verification code."}}
                            .dump(),
                        "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        const json r = json::parse(res->body);
        REQUIRE(r["hits"].size() >= 2);
        const std::set<std::string> top{r["hits"][0]["id"], r["hits"][1]["id"]};
        CHECK(top == std::set<std::string>{"mfa-1", "mfa-2"});
        CHECK(r["hits"][0]["why"]["codes"].size() == 1);
        CHECK(!r["hits"][0]["why"]["terms"].empty());
    }
    SECTION("health and metrics") {
        const json config = get_json(client, "/api/config", 200);
        CHECK(config["ask_url"].is_null());
        // The page's list of placeholders is the scrubber's own.
        std::vector<std::string> placeholders;
        for (std::string_view p : kb::PiiScrubber::placeholders()) placeholders.emplace_back(p);
        REQUIRE_FALSE(placeholders.empty());
        CHECK(config["placeholders"].get<std::vector<std::string>>() == placeholders);
        const json h = get_json(client, "/api/health", 200);
        CHECK(h["documents"] == 4);
        CHECK(h["status"] == "ok");
        get_json(client, "/api/search?q=outlook", 200);
        auto m = client.Get("/metrics");
        REQUIRE(m);
        CHECK(m->status == 200);
        CHECK(m->body.find("kbsearch_http_requests_total{route=\"/api/search\",status=\"200\"}") != std::string::npos);
        CHECK(m->body.find("kbsearch_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"}") !=
              std::string::npos);
        CHECK(m->body.find("\nkbsearch_index_documents 4\n") != std::string::npos);
        const auto age = m->body.find("\nkbsearch_index_generation_age_seconds ");
        REQUIRE(age != std::string::npos);
        const double seconds = std::stod(m->body.substr(age + 39));
        CHECK(seconds >= 0);
        CHECK(seconds < 600);
    }
}

TEST_CASE("bad input gets 400 with a JSON error, and the server keeps answering", "[http]") {
    TemporaryDirectory dir;
    RunningServer server(indexed_corpus(dir));
    auto client = server.client();

    // Every code the server answers with is in GET /api/errors, with its status.
    std::map<std::string, int> listed;
    const json listing = get_json(client, "/api/errors", 200);
    for (const json& entry : listing["errors"]) {
        CHECK(!entry["meaning"].get<std::string>().empty());
        CHECK(listed.emplace(entry["code"].get<std::string>(), entry["status"].get<int>()).second);
    }
    // The error object: a listed code that matches the status, our own message, the code's link.
    auto code_of = [&](const json& body, int status) {
        const json& error = body["error"];
        const std::string code = error["code"].get<std::string>();
        CAPTURE(body.dump());
        CHECK(listed.count(code) == 1);
        CHECK(listed[code] == status);
        CHECK(!error["message"].get<std::string>().empty());
        CHECK(error["message"].get<std::string>().find("json.exception") == std::string::npos);
        CHECK(error["link"] == "/api/errors#" + code);
        return code;
    };
    const std::vector<std::pair<std::string, std::string>> bad_gets{
        {"/api/search", "missing_parameter"},
        {"/api/search?q=", "empty_query"},
        {"/api/search?q=%20%20", "empty_query"},
        {"/api/search?q=" + std::string(3000, 'a'), "query_too_long"},
        {"/api/search?q=%FF%FE", "invalid_query"},
        {"/api/search?q=" + url_encode("AND OR NOT"), "empty_query"},
        {"/api/search?q=" + url_encode("(("), "empty_query"},
        {"/api/search?q=a&limit=-1", "invalid_parameter"},
        {"/api/search?q=a&limit=1000000", "invalid_parameter"},
        {"/api/search?q=a&offset=-3", "invalid_parameter"},
        {"/api/search?q=a&offset=99999999999", "invalid_parameter"},
        {"/api/search?q=a&debug=1", "invalid_parameter"},
        {"/api/search?q=a&collapse=2", "invalid_parameter"},
        {"/api/search?q=a&sort=date", "invalid_parameter"},
        {"/api/search?q=a&accepted=2", "invalid_parameter"},
        {"/api/search?q=" + url_encode("code:hello"), "invalid_query"},
        {"/api/suggest", "missing_parameter"},
        {"/api/suggest?q=%C3", "invalid_query"},
        {"/api/health?x=1", "invalid_parameter"},
    };
    for (const auto& [path, code] : bad_gets) {
        CAPTURE(path);
        CHECK(code_of(get_json(client, path, 400), 400) == code);
    }
    // Odd but valid text is searched, not refused: a stray quote or bracket falls back to plain words.
    for (const std::string q : {"\"unbalanced quote outlook", "outlook (password", "NOT AND outlook OR", "outlook))"}) {
        CAPTURE(q);
        const json r = get_json(client, "/api/search?q=" + url_encode(q), 200);
        CHECK(r["total"].get<int>() >= 1);
    }
    const std::vector<std::pair<std::string, std::string>> bad_bodies{
        {"", "invalid_json"},
        {"{", "invalid_json"},
        {"[]", "invalid_json"},
        {"{}", "missing_parameter"},
        {"{\"text\": 1}", "invalid_parameter"},
        {"{\"text\": \"\"}", "empty_query"},
        {"{\"nope\": \"x\"}", "invalid_parameter"},
        {"{\"text\": \"ok\", \"limit\": -2}", "invalid_parameter"}};
    for (const auto& [body, code] : bad_bodies) {
        auto res = client.Post("/api/similar", body, "application/json");
        REQUIRE(res);
        CAPTURE(body);
        CHECK(res->status == 400);
        CHECK(code_of(json::parse(res->body), 400) == code);
    }
    {
        // httplib reads past an over-limit body before it answers, so the client gets the 413.
        auto res =
            client.Post("/api/similar", json{{"text", std::string(10 * 1024 * 1024, 'a')}}.dump(), "application/json");
        REQUIRE(res);
        CHECK(res->status == 413);
        CHECK(code_of(json::parse(res->body), 413) == "body_too_large");
        CHECK(json::parse(res->body)["error"]["message"] == "request body is larger than the limit");
    }
    {
        // A request line past httplib's limit is a 414, with a JSON error.
        auto res = client.Get("/api/search?q=" + std::string(16 * 1024, 'a'));
        REQUIRE(res);
        CHECK(res->status == 414);
        CHECK(code_of(json::parse(res->body), 414) == "uri_too_long");
    }
    {
        // A chunked body has no length to check first, so it is refused before any of it is
        // read: the answer comes while the client has sent only the headers.
        const std::string reply = raw_exchange(server.port(),
                                               "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                               "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        CAPTURE(reply);
        CHECK(reply.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(reply.find("Content-Length; chunked bodies are not accepted") != std::string::npos);
        CHECK(reply.find("\"code\":\"bad_request\"") != std::string::npos);
    }
    {
        // A POST with no length at all is answered at once, not after the read timeout.
        const auto started = std::chrono::steady_clock::now();
        const std::string reply =
            raw_exchange(server.port(), "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        CAPTURE(reply);
        CHECK(reply.rfind("HTTP/1.1 411", 0) == 0);
        CHECK(reply.find("\"code\":\"length_required\"") != std::string::npos);
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    }
    {
        auto res = client.Get("/api/threads/%FF%FE");
        REQUIRE(res);
        CHECK(res->status == 400);
        CHECK(res->body.find('\xff') == std::string::npos);
        CHECK(code_of(json::parse(res->body), 400) == "invalid_parameter");
    }
    auto fresh = server.client();
    CHECK(get_json(fresh, "/api/health", 200)["status"] == "ok");
    CHECK(get_json(fresh, "/api/search?q=outlook", 200)["total"] == 1);
}

namespace {

// Threads with several answers each, for /api/answers: the answer that speaks to a password
// question sits in more than one thread, and one of them gave its email address.
std::filesystem::path indexed_answers_corpus(const TemporaryDirectory& dir) {
    const std::string helper = "Sam Helper 120 Reputation points";
    dir.write("in/outlook-update.txt",
              fixture_page("Outlook acts up since the update",
                           "After the last update Outlook is slow and keeps asking for my password.",
                           "Microsoft 365 and Office | Outlook",
                           {{kStaff, "Run an online repair of Office from Installed apps, then restart the PC.", true},
                            {helper,
                             "For the password prompts: delete the Outlook entries in Credential Manager, then "
                             "sign in once more."}}));
    dir.write("in/outlook-prompts.txt",
              fixture_page("Outlook asks for my password every hour", "The password prompt comes back all day.",
                           "Microsoft 365 and Office | Outlook",
                           {{"Lee Other 40 Reputation points", "Same here, following."},
                            {kStaff,
                             "Remove the saved password from Credential Manager and turn on modern authentication. "
                             "If it goes on, write to riya.menon@example.org with your tenant name."}}));
    dir.write("in/teams-prompts.txt",
              fixture_page("Teams asks for my password after every restart",
                           "Each restart Teams wants the password again.", "Microsoft Teams | Sign in",
                           {{kStaff, "Delete the Teams entries from Credential Manager and sign in again."}}));
    build_index(dir / "db", dir / "in");
    return dir / "db";
}

}  // namespace

TEST_CASE("answers: ranked across threads with their copy text, and 400 for what the route refuses", "[http]") {
    TemporaryDirectory dir;
    RunningServer server(indexed_answers_corpus(dir));
    auto client = server.client();
    const std::string q = url_encode("outlook keeps asking for the password credential manager");

    const json r = get_json(client, "/api/answers?q=" + q + "&limit=5&threads=3", 200);
    CHECK(r["query"] == "outlook keeps asking for the password credential manager");
    CHECK(r["suggestion"].is_null());
    CHECK(r["corrected"] == false);
    CHECK(r["threads"] == 3);
    CHECK(r["took_ms"].is_number());
    CHECK_FALSE(r.contains("missing_shards"));
    const json& answers = r["answers"];
    REQUIRE(answers.size() >= 4);
    CHECK(answers.size() <= 5);
    // The answer is mapped as a search hit's answer is: the same fields, no more, no fewer.
    const json hit = get_json(client, "/api/search?q=" + q, 200)["hits"][0]["answer"];
    std::set<std::string> hit_fields, answer_fields;
    for (const auto& [key, value] : hit.items()) hit_fields.insert(key);
    for (const auto& [key, value] : answers[0]["answer"].items()) answer_fields.insert(key);
    CHECK(answer_fields == hit_fields);
    bool some_text_redacted = false;
    std::set<std::string> threads;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const json& a = answers[i];
        CAPTURE(i, a.dump());
        if (i > 0) CHECK(a["score"].get<double>() <= answers[i - 1]["score"].get<double>());
        for (const char* part : {"thread", "quality", "own"}) {
            CHECK(a["parts"][part].get<double>() >= 0);
            CHECK(a["parts"][part].get<double>() <= 1);
        }
        threads.insert(a["thread"]["id"].get<std::string>());
        CHECK_FALSE(a["thread"]["title"].get<std::string>().empty());
        CHECK(a["thread"]["products"].is_array());
        CHECK(a["thread"]["date"].is_string());
        CHECK(a["canonical"].is_boolean());
        const std::string text = a["answer"]["text"], copy = a["answer"]["copy"];
        for (std::string_view placeholder : kb::PiiScrubber::placeholders()) {
            CHECK(copy.find(placeholder) == std::string::npos);
            some_text_redacted = some_text_redacted || text.find(placeholder) != std::string::npos;
        }
    }
    CHECK(threads.size() == 3);
    // The premise of the copy check above: an answer's text did hold removed data.
    CHECK(some_text_redacted);
    // Both credential answers about Outlook come before the repair their thread accepted.
    auto place = [&](const std::string& thread, int index) {
        for (std::size_t i = 0; i < answers.size(); ++i)
            if (answers[i]["thread"]["id"] == thread && answers[i]["answer"]["index"] == index) return i;
        return answers.size();
    };
    const std::size_t saved = place("outlook-update", 1), cached = place("outlook-prompts", 1);
    REQUIRE(saved < answers.size());
    REQUIRE(cached < answers.size());
    CHECK(saved < place("outlook-update", 0));
    CHECK(cached < place("outlook-update", 0));
    CHECK(answers[saved]["canonical"] == false);
    CHECK(answers[cached]["answer"]["text"].get<std::string>().find("[email]") != std::string::npos);
    CHECK(answers[cached]["answer"]["copy"] ==
          "Remove the saved password from Credential Manager and turn on modern authentication.");

    const json outlook = get_json(client, "/api/answers?q=" + q + "&product=Outlook", 200);
    REQUIRE_FALSE(outlook["answers"].empty());
    for (const json& a : outlook["answers"]) CHECK(a["thread"]["id"] != "teams-prompts");

    const std::vector<std::pair<std::string, std::string>> refused{
        {"/api/answers?q=" + q + "&limit=0", "invalid_parameter"},
        {"/api/answers?q=" + q + "&threads=31", "invalid_parameter"},
        {"/api/answers?q=" + q + "&offset=10", "invalid_parameter"},
        {"/api/answers?q=" + q + "&colour=red", "invalid_parameter"},
        {"/api/answers?q=", "empty_query"},
        {"/api/answers?q=%20%20", "empty_query"},
        {"/api/answers", "missing_parameter"},
    };
    for (const auto& [path, code] : refused) {
        CAPTURE(path);
        const json error = get_json(client, path, 400)["error"];
        CHECK(error["code"] == code);
        CHECK(error["link"] == "/api/errors#" + code);
    }
    // Counted under its own route label.
    auto m = client.Get("/metrics");
    REQUIRE(m);
    CHECK(m->body.find("kbsearch_http_requests_total{route=\"/api/answers\",status=\"200\"} 2") != std::string::npos);
    CHECK(m->body.find("kbsearch_http_requests_total{route=\"/api/answers\",status=\"400\"} 7") != std::string::npos);
}

TEST_CASE("made-up API paths share one metrics label instead of becoming labels", "[http]") {
    TemporaryDirectory dir;
    RunningServer server(indexed_corpus(dir));
    auto client = server.client();
    get_json(client, "/api/jane.doe@example.com", 404);
    get_json(client, "/api/threads/x/y", 404);
    auto m = client.Get("/metrics");
    REQUIRE(m);
    CHECK(m->body.find("jane.doe") == std::string::npos);
    CHECK(m->body.find("route=\"/api/other\",status=\"404\"") != std::string::npos);
}

TEST_CASE("a port already in use is an error, not a second listener", "[http]") {
    TemporaryDirectory dir;
    kb::ServerOptions first;
    first.db = indexed_corpus(dir);
    first.port = 0;
    kb::HttpServer a(first);
    const int port = a.bind();
    kb::ServerOptions second = first;
    second.port = port;
    kb::HttpServer b(second);
    CHECK_THROWS_WITH(b.bind(), Catch::Contains("in use"));
}

TEST_CASE("a re-index is picked up without a restart and without failing requests in flight", "[http]") {
    TemporaryDirectory dir;
    write_corpus(dir, "first");
    build_index(dir / "db", dir / "first");
    RunningServer server(dir / "db");
    {
        auto client = server.client();
        CHECK(get_json(client, "/api/search?q=printer", 200)["total"] == 0);
    }
    dir.write("second/printer.txt",
              fixture_page("Printer offline after update", "My printer shows offline.",
                           "Windows | Windows 11 | Printing", {{kStaff, "Restart the spooler."}}));
    write_corpus(dir, "second");

    SearchingClients clients(server);
    for (int round = 0; round < 3; ++round) build_index(dir / "db", dir / (round % 2 ? "first" : "second"));
    build_index(dir / "db", dir / "second");
    const auto [requests, failures] = clients.stop();
    CHECK(failures == 0);
    CHECK(requests > 0);

    auto client = server.client();
    const json r = get_json(client, "/api/search?q=printer", 200);
    REQUIRE(r["total"] == 1);
    CHECK(r["hits"][0]["id"] == "printer");
    CHECK(get_json(client, "/api/health", 200)["documents"] == 5);
}

TEST_CASE("live updates reach a running server within a second, with requests in flight", "[http]") {
    TemporaryDirectory dir;
    RunningServer server(indexed_corpus(dir));
    SearchingClients clients(server);
    kb::BuildOptions options;
    options.db = dir / "db";
    std::ostringstream log;
    for (int round = 0; round < 5; ++round) {
        const std::string id = "live-" + std::to_string(round);
        options.inputs = {dir.write(id + ".jsonl", R"({"id":")" + id +
                                                       R"(","title":"Zebracorn scanner jams","question":"The )"
                                                       R"(zebracorn scanner jams.","answers":[]})" +
                                                       "\n")};
        kb::IndexUpdater().update(options, log);
        auto client = server.client();
        // The next request sees it: no restart, no polling interval.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        const std::string path = "/api/threads/" + id;
        auto res = client.Get(path.c_str());
        while ((!res || res->status != 200) && std::chrono::steady_clock::now() < deadline)
            res = client.Get(path.c_str());
        REQUIRE(res);
        CHECK(res->status == 200);
        if (round % 2 == 1) kb::IndexUpdater().remove(dir / "db", {id});
    }
    const auto [requests, failures] = clients.stop();
    CHECK(failures == 0);
    CHECK(requests > 0);
    auto client = server.client();
    CHECK(get_json(client, "/api/search?q=zebracorn&collapse=0", 200)["total"] == 3);  // threads, not groups
}

TEST_CASE("concurrent clients all get correct answers", "[http]") {
    TemporaryDirectory dir;
    RunningServer server(indexed_corpus(dir));
    std::atomic<int> wrong{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t)
        clients.emplace_back([&, t] {
            auto client = server.client();
            for (int i = 0; i < 40; ++i) {
                const bool mfa = (i + t) % 2 == 0;
                auto res = client.Get(mfa ? "/api/search?q=authenticator+500121" : "/api/search?q=excel+network+share");
                if (!res || res->status != 200) {
                    ++wrong;
                    continue;
                }
                const json body = json::parse(res->body);
                const std::string top = body["hits"].empty() ? "" : body["hits"][0]["id"].get<std::string>();
                if (mfa ? top.rfind("mfa-", 0) != 0 : top != "excel-1") ++wrong;
            }
        });
    for (auto& t : clients) t.join();
    CHECK(wrong == 0);
}

TEST_CASE("the request log holds no query text, draft or personal data from a path", "[http]") {
    TemporaryDirectory dir;
    kb::ServerOptions options = kb::test::test_server_options(indexed_corpus(dir));
    options.log_requests = true;
    std::ostringstream logged;
    std::streambuf* const saved = std::clog.rdbuf(logged.rdbuf());
    {
        RunningServer server(options);
        auto client = server.client();
        get_json(client, "/api/search?q=" + httplib::detail::encode_query_param("jane.doe@contoso.com outlook"), 200);
        get_json(client, "/api/search?q=Jane%20Holloway%20%2B49%2030%20901820", 200);
        auto similar =
            client.Post("/api/similar", R"({"text":"Ask Jane Holloway, jane.doe@contoso.com"})", "application/json");
        REQUIRE(similar);
        (void)client.Get("/jane.doe@contoso.com.html");
    }
    std::clog.rdbuf(saved);
    const std::string log = logged.str();
    CAPTURE(log);
    CHECK(log.find("/api/search") != std::string::npos);  // the lines were written
    for (const char* secret : {"jane", "Jane", "contoso", "Holloway", "901820"})
        CHECK(log.find(secret) == std::string::npos);
}
