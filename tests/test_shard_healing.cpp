// A front server over shards on real xapian-tcpsrv processes heals: past the shards' idle
// timeout it connects again; a killed shard is a coded 503 naming it (or, with partial results
// allowed, the other shards' hits marked partial), never a 500; and once the shard is back the
// front answers in full again within seconds, without a restart.
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "indexer/index/index_builder.h"
#include "indexer/index/shard_layout.h"
#include "indexer/schema/index_layout.h"
#include "indexer/schema/schema.h"
#include "tests/support/running_server.h"
#include "tests/support/shard_server.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

namespace fs = std::filesystem;
using kb::test::get_json;
using kb::test::RunningServer;
using kb::test::ShardServer;
using kb::test::TemporaryDirectory;
using nlohmann::json;

namespace {

// corpus/ in two shards, each served by its own xapian-tcpsrv, the stub rewritten as the README
// tells an operator to.
struct RemoteIndex {
    explicit RemoteIndex(const TemporaryDirectory& dir, std::optional<int> idle_timeout_ms = std::nullopt)
        : db(dir / "db") {
        kb::BuildOptions options;
        options.db = db;
        options.inputs = {kb::test::source_dir() / "corpus"};
        options.shards = 2;
        std::ostringstream log;
        kb::IndexBuilder().build(options, log);
        const fs::path generation = db / kb::live_generation(db).value();
        for (std::size_t i = 0; i < 2; ++i)
            shards.push_back(std::make_unique<ShardServer>(kb::shard_path(generation, i), idle_timeout_ms));
        std::ofstream stub(generation / kb::schema::kStubName, std::ios::trunc);
        stub << "auto " << kb::schema::kSpellingDatabase << "\n";
        for (const auto& shard : shards) stub << "remote 127.0.0.1:" << shard->port() << "\n";
    }
    std::string name(std::size_t i) const { return "127.0.0.1:" + std::to_string(shards[i]->port()); }

    fs::path db;
    std::vector<std::unique_ptr<ShardServer>> shards;
};

json search(httplib::Client& client, int expected_status, const std::string& query = "outlook") {
    return get_json(client, "/api/search?q=" + query, expected_status);
}

// Polls until the front answers a search with 200 again; returns how long that took.
std::chrono::milliseconds until_served(httplib::Client& client, std::chrono::seconds limit) {
    const auto started = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - started < limit) {
        const auto res = client.Get("/api/search?q=outlook");
        if (res && res->status == 200 && json::parse(res->body).value("partial", false) == false) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
}

}  // namespace

TEST_CASE("a front over xapian-tcpsrv shards keeps answering past the shards' idle timeout", "[integration][shards]") {
    TemporaryDirectory dir;
    RemoteIndex index(dir, 300);
    RunningServer server(index.db);
    auto client = server.client();
    const json before = search(client, 200);
    REQUIRE(before["total"] > 0);
    // Every worker's connections go idle past the shard servers' timeout, which close them.
    std::this_thread::sleep_for(std::chrono::milliseconds(900));
    for (int i = 0; i < 8; ++i) {  // more requests than workers: each worker's searcher is tried
        const json after = search(client, 200);
        CHECK(after["total"] == before["total"]);
        CHECK(after["hits"] == before["hits"]);
    }
    const json health = get_json(client, "/api/health", 200);
    CHECK(health["status"] == "ok");
    REQUIRE(health["shards"].size() == 2);
    CHECK(health["shards"][0]["state"] == "up");
    CHECK(health.count("index") == 0);  // the generation names the index, not its path on disk
    const auto metrics = client.Get("/metrics");
    REQUIRE(metrics);
    CHECK(metrics->status == 200);
    CHECK(metrics->body.find("kbsearch_shard_up{shard=\"" + index.name(1) + "\"} 1") != std::string::npos);
}

TEST_CASE("a killed shard is a 503 naming it, and the front recovers when it is back", "[integration][shards]") {
    TemporaryDirectory dir;
    RemoteIndex index(dir);
    RunningServer server(index.db);
    auto client = server.client();
    const json before = search(client, 200);

    index.shards[1]->kill_now();
    for (int i = 0; i < 6; ++i) {
        const auto res = client.Get("/api/search?q=outlook");
        REQUIRE(res);
        CHECK(res->status == 503);
        CHECK(res->get_header_value("Retry-After") == "1");
        const json error = json::parse(res->body)["error"];
        CHECK(error["code"] == "shard_unavailable");
        CHECK(error["message"].get<std::string>().find(index.name(1)) != std::string::npos);
    }
    const json health = get_json(client, "/api/health", 503);
    CHECK(health["status"] == "unavailable");
    bool named_down = false;
    for (const json& shard : health["shards"])
        if (shard["shard"] == index.name(1)) named_down = shard["state"] == "down";
    CHECK(named_down);
    const auto metrics = client.Get("/metrics");
    REQUIRE(metrics);
    CHECK(metrics->status == 200);
    CHECK(metrics->body.find("kbsearch_shard_up{shard=\"" + index.name(1) + "\"} 0") != std::string::npos);

    index.shards[1]->start();
    const auto took = until_served(client, std::chrono::seconds(10));
    CHECK(took < std::chrono::seconds(3));
    const json after = search(client, 200);
    CHECK(after["total"] == before["total"]);
    CHECK(after["hits"] == before["hits"]);
    CHECK(get_json(client, "/api/health", 200)["status"] == "ok");
}

TEST_CASE("with partial results allowed, a killed shard's hits are left out and it is named", "[integration][shards]") {
    TemporaryDirectory dir;
    RemoteIndex index(dir);
    kb::ServerOptions options = kb::test::test_server_options(index.db);
    options.partial_results = true;
    RunningServer server(options);
    auto client = server.client();
    const json whole = search(client, 200, "password");
    CHECK(whole.count("partial") == 0);

    index.shards[0]->kill_now();
    const json partial = search(client, 200, "password");
    CHECK(partial["partial"] == true);
    CHECK(partial["missing_shards"] == json::array({index.name(0)}));
    CHECK(partial["total"] < whole["total"]);
    const json health = get_json(client, "/api/health", 200);
    CHECK(health["status"] == "degraded");
    const auto similar =
        client.Post("/api/similar", R"({"text": "Outlook keeps asking for my password"})", "application/json");
    REQUIRE(similar);
    CHECK(similar->status == 200);
    CHECK(json::parse(similar->body)["partial"] == true);

    index.shards[0]->start();
    CHECK(until_served(client, std::chrono::seconds(10)) < std::chrono::seconds(3));
    const json healed = search(client, 200, "password");
    CHECK(healed.count("partial") == 0);
    CHECK(healed["total"] == whole["total"]);
}

TEST_CASE("a shard killed under concurrent clients gives 503s, never a 500, and heals", "[integration][shards]") {
    TemporaryDirectory dir;
    RemoteIndex index(dir);
    RunningServer server(index.db);
    std::atomic<bool> stop = false;
    std::atomic<int> ok = 0, unavailable = 0, other = 0;
    std::vector<std::thread> clients;
    for (int t = 0; t < 6; ++t)
        clients.emplace_back([&] {
            auto client = server.client();
            while (!stop) {
                const auto res = client.Get("/api/search?q=outlook");
                if (res && res->status == 200) {
                    ++ok;
                } else if (res && res->status == 503) {
                    ++unavailable;
                } else {
                    ++other;
                }
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    index.shards[1]->kill_now();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const int ok_while_down = ok;
    index.shards[1]->start();
    // The back-off is at most 1 s; the rest is room for a slow (sanitized) build on 2 cores.
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    const int ok_before_end = ok;
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    stop = true;
    for (std::thread& client : clients) client.join();
    CHECK(other == 0);
    CHECK(unavailable > 0);
    CHECK(ok > ok_before_end);  // still answering in full at the end
    CHECK(ok_before_end > ok_while_down);
}

TEST_CASE("a front started while a shard is down answers 503 until the shard comes up", "[integration][shards]") {
    TemporaryDirectory dir;
    RemoteIndex index(dir);
    index.shards[0]->kill_now();
    RunningServer server(index.db);
    auto client = server.client();
    search(client, 503);
    index.shards[0]->start();
    CHECK(until_served(client, std::chrono::seconds(10)) < std::chrono::seconds(3));
}
