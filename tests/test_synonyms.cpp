// Synonyms: the file format, the stored table, and query expansion on a real index.
#include <sstream>

#include <catch2/catch.hpp>

#include "indexer/index/index_builder.h"
#include "indexer/index/index_publisher.h"
#include "indexer/index/synonym_table.h"
#include "server/search/searcher.h"
#include "tests/support/fixture_pages.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

using kb::test::fixture_page;

TEST_CASE("synonym file format", "[unit]") {
    const kb::Normaliser n;
    const auto groups =
        kb::parse_synonyms("# comment\nMFA, Two-Step  Verification ,2fa\n\nsingle\nsign in, log in # tail\n", n);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0] == kb::SynonymGroup{"mfa", "two step verification", "2fa"});
    CHECK(groups[1] == kb::SynonymGroup{"sign in", "log in"});
    CHECK(kb::synonym_key("Multi\u2011Factor  authentication", n) == "multi factor authentication");
    CHECK(kb::default_synonyms(n).size() >= 5);
}

TEST_CASE("a query finds threads that use another form of its words", "[integration]") {
    kb::test::TemporaryDirectory dir;
    dir.write("in/a.txt", fixture_page("Codes stopped after phone swap", "Two-step verification codes never arrive.",
                                       "Microsoft Security | Microsoft Authenticator", {}));
    dir.write("in/b.txt", fixture_page("Printer offline", "The printer is offline.", "Windows | Printing", {}));
    kb::test::build_index(dir / "db", {dir / "in"});

    kb::Searcher searcher(dir / "db");
    kb::SearchRequest request;
    request.query = "2fa";
    auto result = searcher.search(request);
    REQUIRE(result.hits.size() == 1);
    CHECK(result.hits[0].id == "a");

    // Replacing the table on the live index changes expansion without a re-index.
    request.query = "spooler";
    CHECK(searcher.search(request).total == 0);
    CHECK(kb::replace_live_synonyms(dir / "db", dir.write("synonyms.txt", "spooler, printer\n")).groups == 1);
    searcher.refresh();
    result = searcher.search(request);
    REQUIRE(result.hits.size() == 1);
    CHECK(result.hits[0].id == "b");
    request.query = "2fa";
    CHECK(searcher.search(request).total == 0);  // the old table is gone
}
