// Bounded work per query: past the matches the matcher weighs in full, facet counts are scaled
// to the estimated total, so they still add up to it and keep their proportions.
#include <fstream>

#include <catch2/catch.hpp>

#include "server/search/searcher.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

TEST_CASE("facets over more matches than are weighed in full still add up to the total", "[integration]") {
    kb::test::TemporaryDirectory dir;
    {
        std::ofstream out(dir / "threads.jsonl");
        for (int i = 0; i < 3000; ++i) {
            const char* product = i % 3 == 0 ? "Laser printers" : "Inkjet printers";
            // Repeated words give the threads different weights, so the matcher can stop early.
            std::string question = "The printer shows offline";
            for (int r = 0; r < i % 7; ++r) question += " offline again";
            out << R"({"id":"t-)" << i << R"(","title":"Printer offline number )" << i << R"(","question":")"
                << question << R"(","product":[")" << product << R"("],"answers":[]})"
                << "\n";
        }
    }
    kb::test::build_index(dir / "db", {dir / "threads.jsonl"});
    kb::Searcher searcher(dir / "db");
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
