// DuplicateGroups over the corpus: threads written as duplicates of each other are grouped,
// threads about other problems are not.
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

namespace fs = std::filesystem;

#include "indexer/index/duplicate_groups.h"
#include "indexer/schema/index_layout.h"
#include "indexer/schema/schema.h"
#include "server/search/searcher.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

TEST_CASE("corpus duplicates share a group, other problems do not", "[integration]") {
    kb::test::TemporaryDirectory dir;
    const auto report = kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    CHECK(report.threads_in_duplicate_groups >= 10);

    kb::Searcher searcher(dir / "db");
    auto group = [&](const std::string& id) { return searcher.thread(id).duplicate_group; };
    // Written as the same problem in other words (see corpus/README.md).
    const std::vector<std::vector<std::string>> same{
        {"activation-01", "activation-04", "activation-07"},
        {"outlook-01", "outlook-04", "outlook-07"},
        {"outlook-02", "outlook-05"},
        {"teams-01", "teams-04", "teams-06"},
        {"windows-update-01", "windows-update-03", "windows-update-05"},
    };
    for (const auto& members : same) {
        CAPTURE(members.front());
        CHECK(!group(members.front()).empty());
        for (const auto& id : members) CHECK(group(id) == group(members.front()));
    }
    // Each thread's page lists the other members of its group, and only them.
    for (const auto& members : same) {
        const kb::ThreadRecord first = searcher.thread(members.front());
        std::set<std::string> listed;
        for (const auto& hit : searcher.duplicates_of(first, 50)) {
            CHECK(group(hit.id) == first.duplicate_group);
            listed.insert(hit.id);
        }
        CAPTURE(members.front());
        CHECK(listed.count(members.front()) == 0);
        for (std::size_t i = 1; i < members.size(); ++i) CHECK(listed.count(members[i]) == 1);
    }
    // Different problems stay apart.
    CHECK(group("outlook-01") != group("outlook-02"));
    CHECK(group("activation-01") != group("activation-02"));
    CHECK(group("excel-04") != group("outlook-01"));
}

TEST_CASE("duplicate groups do not depend on how many threads score them", "[integration]") {
    kb::test::TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    const fs::path generation = dir / "db" / kb::live_generation(dir / "db").value();
    const fs::path questions = generation / kb::schema::kQuestionsDatabase;
    const auto one = kb::DuplicateGroups().find(generation, questions, 1);
    CHECK(one.size() >= 10);
    CHECK(kb::DuplicateGroups().find(generation, questions, 3) == one);
}

TEST_CASE("a search shows one thread per duplicate group and counts the rest", "[integration]") {
    kb::test::TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    kb::Searcher searcher(dir / "db");
    auto group = [&](const std::string& id) { return searcher.thread(id).duplicate_group; };
    for (const std::string query :
         {"teams camera not working", "outlook keeps crashing", "activation key", "c004f074"}) {
        CAPTURE(query);
        kb::SearchRequest folded;
        folded.query = query;
        folded.limit = 50;
        kb::SearchRequest all = folded;
        all.collapse = false;
        const kb::SearchResult one_each = searcher.search(folded), every = searcher.search(all);
        std::set<std::string> groups;
        unsigned shown_with_similar = 0;
        for (const auto& hit : one_each.hits) {
            const std::string g = group(hit.id);
            if (g.empty()) {
                CHECK(hit.similar == 0);
                continue;
            }
            CHECK(groups.insert(g).second);  // no group twice
            shown_with_similar += hit.similar;
        }
        // What was folded away is what the list without folding adds.
        CHECK(one_each.hits.size() + shown_with_similar == every.hits.size());
        CHECK(one_each.total + shown_with_similar == every.total);
        CHECK(shown_with_similar > 0);
        // The folded thread is the group's best match, or its best answered one when that has no answer.
        for (const auto& hit : one_each.hits)
            for (const auto& other : every.hits)
                if (!group(hit.id).empty() && group(other.id) == group(hit.id) && other.score > hit.score + 1e-9)
                    CHECK((hit.answer && !other.answer));
    }
}

TEST_CASE("a folded group shows an answered thread when it has one", "[integration]") {
    kb::test::TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    kb::Searcher searcher(dir / "db");
    kb::SearchRequest request;
    request.query = "c004f074";
    request.collapse = false;
    const kb::SearchResult every = searcher.search(request);
    REQUIRE(every.hits.size() >= 2);
    REQUIRE(!every.hits[0].answer);  // the premise: the best match is unanswered, its duplicates are not
    request.collapse = true;
    const kb::SearchResult folded = searcher.search(request);
    REQUIRE(!folded.hits.empty());
    CHECK(folded.hits[0].answer);
    CHECK(folded.hits[0].similar == every.hits.size() - 1);
    CHECK(folded.total == 1);
}
