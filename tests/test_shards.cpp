// Shards: `--shards K` builds K databases and a stub; searched through the stub, locally or
// with each shard served by its own xapian-tcpsrv on a loopback port, they answer as one
// unsharded index does: the same ranked ids and scores, totals, facets, did-you-mean, synonyms.
#include <cmath>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>

#include "indexer/index/index_builder.h"
#include "indexer/index/index_updater.h"
#include "indexer/index/shard_layout.h"
#include "indexer/schema/index_layout.h"
#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "server/search/searcher.h"
#include "tests/support/shard_server.h"
#include "tests/support/temporary_directory.h"

namespace fs = std::filesystem;
using kb::test::ShardServer;
using kb::test::TemporaryDirectory;

namespace {

kb::BuildReport build(const fs::path& db, unsigned shards) {
    kb::BuildOptions options;
    options.db = db;
    options.inputs = {kb::test::source_dir() / "corpus", kb::test::seeds_dir()};
    options.shards = shards;
    std::ostringstream log;
    return kb::IndexBuilder().build(options, log);
}

struct Answer {
    unsigned total;
    std::optional<std::string> suggestion;
    std::vector<std::pair<std::string, double>> hits;
    std::vector<std::pair<std::string, unsigned>> facets;
};

Answer ask(kb::Searcher& searcher, const std::string& query, const std::vector<std::string>& products = {},
           bool collapse = true) {
    kb::SearchRequest request;
    request.query = query;
    request.products = products;
    request.collapse = collapse;
    request.limit = 10;
    const kb::SearchResult result = searcher.search(request);
    Answer answer{result.total, result.suggestion, {}, {}};
    for (const auto& hit : result.hits) answer.hits.emplace_back(hit.id, hit.score);
    for (const auto& facet : result.facets) answer.facets.emplace_back(facet.value, facet.count);
    return answer;
}

void check_same(kb::Searcher& one, kb::Searcher& sharded) {
    const std::vector<std::string> queries{"error 500121 authenticator", "outlook keeps crashing", "teams camera",
                                           "\"windows update\"",         "autenticator",           "mfa",
                                           "product:outlook password",   "activation key"};
    for (const std::string& query : queries) {
        CAPTURE(query);
        const Answer a = ask(one, query), b = ask(sharded, query);
        CHECK(a.total == b.total);
        CHECK(a.suggestion == b.suggestion);
        CHECK(a.facets == b.facets);
        REQUIRE(a.hits.size() == b.hits.size());
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
            CAPTURE(i);
            CHECK(std::abs(a.hits[i].second - b.hits[i].second) < 1e-6);
            // Equal scores may tie-break differently across shards; different scores may not.
            if (i + 1 < a.hits.size() && std::abs(a.hits[i].second - a.hits[i + 1].second) > 1e-6 &&
                (i == 0 || std::abs(a.hits[i].second - a.hits[i - 1].second) > 1e-6))
                CHECK(a.hits[i].first == b.hits[i].first);
        }
    }
    // So do the duplicate groups' member lists.
    auto duplicates = [](kb::Searcher& searcher, const std::string& id) {
        std::set<std::string> ids;
        for (const auto& hit : searcher.duplicates_of(searcher.thread(id), 10)) ids.insert(hit.id);
        return ids;
    };
    CHECK(duplicates(sharded, "teams-01") == duplicates(one, "teams-01"));
    CHECK(duplicates(sharded, "teams-01").count("teams-04") == 1);
    // Did-you-mean and synonyms come from the spelling database the stub lists first.
    CHECK(ask(sharded, "autenticator").suggestion.value_or("") == "authenticator");
    CHECK(ask(sharded, "2fa").total == ask(one, "mfa").total);
    CHECK(ask(sharded, "2fa").total > 0);
}

}  // namespace

TEST_CASE("a sharded index searched through its stub answers as the unsharded one", "[integration][seeds]") {
    TemporaryDirectory dir;
    const auto single = build(dir / "one", 0);
    const auto sharded = build(dir / "three", 3);
    CHECK(single.threads_indexed == sharded.threads_indexed);
    const fs::path generation = dir / "three" / kb::live_generation(dir / "three").value();
    REQUIRE(kb::local_shards(generation).size() == 3);
    unsigned documents = 0;
    for (const fs::path& shard : kb::local_shards(generation))
        documents += Xapian::Database(shard.string()).get_doccount();
    CHECK(documents == single.threads_indexed);

    kb::Searcher one(dir / "one"), three(dir / "three");
    CHECK(three.document_count() == one.document_count());
    check_same(one, three);
    CHECK(three.similar("Authenticator app shows no code after I switched phones", 5).hits.size() == 5);
}

TEST_CASE("shards served by two xapian-tcpsrv processes answer as one index", "[integration][seeds]") {
    TemporaryDirectory dir;
    build(dir / "one", 0);
    build(dir / "two", 2);
    const fs::path generation = dir / "two" / kb::live_generation(dir / "two").value();
    const ShardServer first(kb::shard_path(generation, 0)), second(kb::shard_path(generation, 1));
    {
        // What an operator writes on the front server: the spelling database stays local.
        std::ofstream stub(generation / kb::schema::kStubName, std::ios::trunc);
        stub << "auto " << kb::schema::kSpellingDatabase << "\n"
             << "remote 127.0.0.1:" << first.port() << "\n"
             << "remote 127.0.0.1:" << second.port() << "\n";
    }
    kb::Searcher one(dir / "one"), remote(dir / "two");
    CHECK(remote.document_count() == one.document_count());
    check_same(one, remote);
    CHECK(remote.thread("outlook-01").thread.id == "outlook-01");
    CHECK(remote.similar("Authenticator app shows no code after I switched phones", 5).hits.size() == 5);
}

TEST_CASE("updates and deletes go to each thread's shard", "[integration][seeds]") {
    TemporaryDirectory dir;
    build(dir / "db", 3);
    kb::Searcher searcher(dir / "db");
    const auto before = searcher.document_count();
    {
        std::ofstream out(dir / "update.jsonl");
        for (int i = 0; i < 6; ++i)
            out << R"({"id":"new-)" << i << R"(","title":"Zebracorn scanner )" << i
                << R"( jams","question":"The zebracorn scanner jams.","answers":[]})"
                << "\n";
        out << R"({"id":"outlook-01","title":"Outlook quokkas","question":"Replaced.","answers":[]})"
            << "\n";
    }
    kb::BuildOptions options;
    options.db = dir / "db";
    options.inputs = {dir / "update.jsonl"};
    std::ostringstream log;
    const auto report = kb::IndexUpdater().update(options, log);
    CHECK(report.added == 6);
    CHECK(report.replaced == 1);
    searcher.refresh();
    CHECK(searcher.document_count() == before + 6);
    CHECK(ask(searcher, "zebracorn", {}, false).total == 6);
    CHECK(searcher.thread("outlook-01").thread.title == "Outlook quokkas");
    CHECK(ask(searcher, "zebracorm").suggestion.value_or("") == "zebracorn");
    // Each new thread is in the shard its id hashes to, and only there.
    const fs::path generation = dir / "db" / kb::live_generation(dir / "db").value();
    const auto shards = kb::local_shards(generation);
    for (int i = 0; i < 6; ++i) {
        const std::string id = "new-" + std::to_string(i), term = kb::id_term(id);
        for (std::size_t s = 0; s < shards.size(); ++s) {
            const Xapian::Database shard(shards[s].string());
            CHECK((shard.postlist_begin(term) != shard.postlist_end(term)) == (kb::shard_of(id, shards.size()) == s));
        }
    }
    const auto removed = kb::IndexUpdater().remove(dir / "db", {"new-0", "new-1", "new-2", "new-3", "new-4", "new-5"});
    CHECK(removed.removed == 6);
    searcher.refresh();
    CHECK(searcher.document_count() == before);
    CHECK(ask(searcher, "zebracorn").total == 0);
    CHECK(searcher.similar("The scanner jams", 3).hits.size() >= 1);
}

TEST_CASE("a stub reads as its database lines, as the searcher and the updater both read it", "[unit]") {
    TemporaryDirectory dir;
    dir.write("XAPIANDB", "# shards\n\n  auto shard-0  \r\nremote tcp 127.0.0.1 7001\n\tglass /abs/shard\n");
    const std::vector<kb::StubEntry> entries = kb::read_stub(dir / "XAPIANDB");
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].type == "auto");
    CHECK(entries[0].target == "shard-0");
    CHECK(entries[1].type == "remote");
    CHECK(entries[1].target == "tcp 127.0.0.1 7001");
    CHECK(entries[2].target == "/abs/shard");
    dir.write("bad", "auto shard-0\nauto\n");
    CHECK_THROWS_WITH(kb::read_stub(dir / "bad"), Catch::Contains("a line without a database"));
    CHECK_THROWS_AS(kb::read_stub(dir / "missing"), kb::IndexError);
    // The updater refuses a stub naming a remote shard: it must run where the shard lives.
    dir.write("gen/XAPIANDB", "auto shard-0\nremote tcp 127.0.0.1 7001\n");
    CHECK_THROWS_WITH(kb::local_shards(dir / "gen"), Catch::Contains("lists a remote shard"));
    dir.write("gen2/XAPIANDB", "auto shard-0\nauto shard-1\n");
    CHECK(kb::local_shards(dir / "gen2") ==
          std::vector<std::filesystem::path>{dir / "gen2" / "shard-0", dir / "gen2" / "shard-1"});
}
