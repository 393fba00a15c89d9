// The parallel build: however many writer threads share the work, the merged index holds the
// same threads, groups, spelling and rankings; the pieces it is made of behave as documented.
#include <algorithm>
#include <cmath>
#include <thread>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "indexer/index/work_queue.h"
#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "server/search/searcher.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

namespace {

// A result as (score, id), best first, ties by id: writers renumber documents, so threads of
// equal score may come back in another order, never with another score.
std::vector<std::pair<long long, std::string>> ranked(const kb::SearchResult& result) {
    std::vector<std::pair<long long, std::string>> out;
    for (const kb::SearchHit& hit : result.hits) out.emplace_back(std::llround(-hit.score * 1e9), hit.id);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("one writer or three build the same index", "[integration][seeds]") {
    kb::test::TemporaryDirectory dir;
    const std::vector<std::filesystem::path> inputs{kb::test::source_dir() / "corpus", kb::test::seeds_dir()};
    const auto one = kb::test::build_index(dir / "one", inputs, 1);
    const auto three = kb::test::build_index(dir / "three", inputs, 3);
    CHECK(one.threads_indexed == three.threads_indexed);
    CHECK(one.threads_in_duplicate_groups == three.threads_in_duplicate_groups);
    CHECK(one.threads_in_duplicate_groups > 0);

    kb::Searcher a(dir / "one"), b(dir / "three");
    REQUIRE(a.document_count() == b.document_count());
    for (const std::string id : {"outlook-01", "teams-04", "activation-07", "excel-04", "windows-update-03"})
        CHECK(a.thread(id).duplicate_group == b.thread(id).duplicate_group);
    for (const std::string query : {"error 500121 authenticator", "outlook keeps crashing", "teams camera not working",
                                    "activation", "autenticator app", "\"windows update\""}) {
        CAPTURE(query);
        kb::SearchRequest request;
        request.query = query;
        request.limit = 20;
        const kb::SearchResult x = a.search(request), y = b.search(request);
        CHECK(x.total == y.total);
        CHECK(x.suggestion == y.suggestion);
        CHECK(ranked(x) == ranked(y));
        REQUIRE(x.facets.size() == y.facets.size());
        for (std::size_t i = 0; i < x.facets.size(); ++i) {
            CHECK(x.facets[i].value == y.facets[i].value);
            CHECK(x.facets[i].count == y.facets[i].count);
        }
    }
    // The spelling table is filled after the merge: it still knows the corpus's words.
    kb::SearchRequest typo;
    typo.query = "autenticator";
    CHECK(a.search(typo).suggestion == b.search(typo).suggestion);
    CHECK(b.search(typo).suggestion.value_or("") == "authenticator");
}

TEST_CASE("three writers build the same ids every time", "[integration][seeds]") {
    // Each thread's part is fixed by its place in the input, not by which writer was free, so a
    // rebuild is reproducible: same document under the same id, so the same ties and the same
    // top k.
    kb::test::TemporaryDirectory dir;
    const std::vector<std::filesystem::path> inputs{kb::test::source_dir() / "corpus", kb::test::seeds_dir()};
    auto ids_by_docid = [&](const std::filesystem::path& db) {
        kb::test::build_index(db, inputs, 3);
        const Xapian::Database xdb(db.string());
        std::vector<std::pair<Xapian::docid, std::string>> ids;
        const std::string prefix(kb::schema::kIdPrefix);
        for (auto term = xdb.allterms_begin(prefix); term != xdb.allterms_end(prefix); ++term)
            ids.emplace_back(*xdb.postlist_begin(*term), (*term).substr(prefix.size()));
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    const auto first = ids_by_docid(dir / "first");
    CHECK(first.size() > 50);
    CHECK(first == ids_by_docid(dir / "second"));
}

TEST_CASE("shard_of is FNV-1a of the id, the same on every machine", "[unit]") {
    // FNV-1a 64 test vectors: "" and "a".
    CHECK(kb::shard_of("", 1000) == 14695981039346656037ULL % 1000);
    CHECK(kb::shard_of("a", 1000) == 0xaf63dc4c8601ec8cULL % 1000);
    CHECK(kb::shard_of("teams-01", 1) == 0);
    std::vector<int> per_shard(4);
    for (int i = 0; i < 4000; ++i) ++per_shard[kb::shard_of("thread-" + std::to_string(i), 4)];
    for (int count : per_shard) CHECK(std::abs(count - 1000) < 150);
}

TEST_CASE("a work queue hands items over in order, blocks when full and drains after close", "[unit]") {
    kb::WorkQueue<int> queue(2);
    std::vector<int> received;
    std::thread consumer([&] {
        while (std::optional<int> item = queue.pop()) received.push_back(*item);
    });
    for (int i = 0; i < 100; ++i) REQUIRE(queue.push(i));
    queue.close();
    consumer.join();
    REQUIRE(received.size() == 100);
    for (int i = 0; i < 100; ++i) CHECK(received[static_cast<std::size_t>(i)] == i);
    CHECK_FALSE(queue.push(100));
    CHECK_FALSE(queue.pop().has_value());
}
