// The search result cache: what it keeps and for how long, alone and behind searchers of an index
// that live updates and synonym swaps change.
#include <fstream>
#include <memory>
#include <sstream>

#include <catch2/catch.hpp>

#include "indexer/index/index_updater.h"
#include "indexer/index/synonym_table.h"
#include "server/search/result_cache.h"
#include "server/search/searcher.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

namespace {

kb::SearchResult result_with(const std::string& id, std::size_t snippet_bytes = 100) {
    kb::SearchResult result;
    result.total = 1;
    kb::SearchHit hit;
    hit.id = id;
    hit.snippet = std::string(snippet_bytes, 'x');
    result.hits.push_back(hit);
    return result;
}

}  // namespace

TEST_CASE("the result cache keeps answers for their version, least recently used out first", "[unit]") {
    kb::ResultCache cache(64 * 1024);
    kb::SearchRequest request;
    request.query = "printer offline";
    const std::string key = kb::ResultCache::key_of(request);
    const std::uint64_t version = cache.version();
    CHECK_FALSE(cache.find(version, key));
    cache.store(version, key, result_with("t-1"));
    REQUIRE(cache.find(version, key));
    CHECK(cache.find(version, key)->hits.front().id == "t-1");

    SECTION("every field that changes the answer is in the key") {
        std::vector<kb::SearchRequest> others(8, request);
        others[0].query = "printer offline ";
        others[1].products = {"Printers"};
        others[2].limit = 20;
        others[3].offset = 10;
        others[4].with_facets = false;
        others[5].partial = true;
        others[6].collapse = false;
        others[7].accepted_only = true;
        for (const kb::SearchRequest& other : others) CHECK_FALSE(cache.find(version, kb::ResultCache::key_of(other)));
        kb::SearchRequest newest = request;
        newest.sort = kb::SortOrder::Newest;
        CHECK(kb::ResultCache::key_of(newest) != key);
        // A product list is not a query with a bar in it.
        kb::SearchRequest a = request, b = request;
        a.query = "x";
        a.products = {"y"};
        b.query = "x1:y";
        CHECK(kb::ResultCache::key_of(a) != kb::ResultCache::key_of(b));
    }
    SECTION("a change to the index drops every answer and refuses those of the version before") {
        cache.changed();
        CHECK_FALSE(cache.find(version, key));
        CHECK_FALSE(cache.find(cache.version(), key));
        cache.store(version, key, result_with("stale"));  // computed before the change
        CHECK_FALSE(cache.find(cache.version(), key));
        CHECK(cache.stats().entries == 0);
    }
    SECTION("past its bytes the least recently used answers go") {
        for (int i = 0; i < 100; ++i) {
            kb::SearchRequest other = request;
            other.query = "query " + std::to_string(i);
            cache.store(version, kb::ResultCache::key_of(other), result_with("t", 2000));
            CHECK(cache.find(version, key));  // used each time, so it stays
        }
        const kb::ResultCache::Stats stats = cache.stats();
        CHECK(stats.bytes <= stats.max_bytes);
        CHECK(stats.entries < 40);
        CHECK(cache.find(version, key));
        kb::SearchRequest first = request;
        first.query = "query 0";
        CHECK_FALSE(cache.find(version, kb::ResultCache::key_of(first)));
    }
    SECTION("an answer larger than an eighth of the cache is not kept") {
        kb::SearchRequest big = request;
        big.query = "big";
        cache.store(version, kb::ResultCache::key_of(big), result_with("t", 10 * 1024));
        CHECK_FALSE(cache.find(version, kb::ResultCache::key_of(big)));
    }
}

TEST_CASE("searchers sharing a cache never answer from before a change to the index", "[integration]") {
    kb::test::TemporaryDirectory dir;
    const auto write = [&](const std::string& file, const std::string& id, const std::string& title) {
        std::ofstream out(dir / file);
        out << R"({"id":")" << id << R"(","title":")" << title << R"(","question":"It will not print.",)"
            << R"("product":["Printers"],"answers":[{"body":"Restart the spooler.","role":"staff"}]})"
            << "\n";
    };
    write("first.jsonl", "p-1", "Printer offline after the update");
    kb::test::build_index(dir / "db", {dir / "first.jsonl"});
    auto cache = std::make_shared<kb::ResultCache>(1024 * 1024);
    kb::Searcher one(dir / "db"), two(dir / "db");
    one.set_result_cache(cache);
    two.set_result_cache(cache);
    kb::SearchRequest request;
    request.query = "printer offline";
    request.collapse = false;  // the two threads are duplicates: each is to be seen
    const auto ids = [&](kb::Searcher& searcher) {
        searcher.refresh();  // as a server does before each request
        std::vector<std::string> found;
        for (const kb::SearchHit& hit : searcher.search(request).hits) found.push_back(hit.id);
        return found;
    };
    CHECK(ids(one) == std::vector<std::string>{"p-1"});
    CHECK(ids(two) == std::vector<std::string>{"p-1"});
    CHECK(cache->stats().hits == 1);  // the second searcher's answer came from the first's

    write("second.jsonl", "p-2", "Printer offline again");
    kb::BuildOptions update;
    update.db = dir / "db";
    update.inputs = {dir / "second.jsonl"};
    std::ostringstream log;
    kb::IndexUpdater().update(update, log);
    CHECK(ids(two).size() == 2);
    CHECK(ids(one).size() == 2);
    kb::IndexUpdater().remove(dir / "db", {"p-2"});
    CHECK(ids(one) == std::vector<std::string>{"p-1"});
    CHECK(ids(two) == std::vector<std::string>{"p-1"});

    // A synonym swap changes what a query finds: "spooler" as a synonym of "tray".
    request.query = "tray";
    CHECK(ids(one).empty());
    {
        std::ofstream out(dir / "synonyms.txt");
        out << "tray, spooler\n";
    }
    kb::replace_live_synonyms(dir / "db", dir / "synonyms.txt", nullptr);
    CHECK(ids(two) == std::vector<std::string>{"p-1"});
    CHECK(ids(one) == std::vector<std::string>{"p-1"});
}
