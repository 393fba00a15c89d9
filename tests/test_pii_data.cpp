// PII over real data: an index of the SCN dumps in ../shared/data holds none of the people who
// wrote them. Registered only where ../shared/data exists (tests/CMakeLists.txt).
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "indexer/index/index_builder.h"
#include "indexer/index/temporary_directory.h"
#include "indexer/ingest/scn_json_parser.h"
#include "indexer/text/name_finder.h"
#include "indexer/text/normaliser.h"

namespace fs = std::filesystem;

TEST_CASE("no author of the SCN dumps can be found by name in an index of them", "[data]") {
    const fs::path scn = fs::path(KBSEARCH_SHARED_DIR) / "data" / "scn";
    REQUIRE(fs::is_directory(scn));
    std::set<std::string> authors;
    for (const auto& entry : fs::directory_iterator(scn)) {
        for (const kb::Thread& t : kb::ScnJsonParser().parse_file(entry.path()).threads) {
            authors.insert(t.asker_name);
            for (const kb::Answer& a : t.answers) authors.insert(a.author_name);
        }
    }
    authors.erase("");
    // "Guest" and "Former Member" are account placeholders, not anyone's name: words the text may
    // use for themselves.
    std::erase_if(authors, [](const std::string& name) {
        std::istringstream words(name);
        std::string word;
        while (words >> word)
            if (!kb::NameFinder::is_common_word(word)) return false;
        return true;
    });
    REQUIRE(authors.size() > 1000);

    kb::TemporaryDirectory dir("kbsearch-scn-pii");
    kb::BuildOptions options;
    options.db = dir.path() / "db";
    options.inputs = {scn};
    options.show_progress = false;
    std::ostringstream log;
    REQUIRE(kb::IndexBuilder().build(options, log).threads_indexed > 1000);

    // A strict phrase of the name's words over the unprefixed text terms, as Xapian's query
    // parser builds it: the whole name, adjacent, anywhere in any stored text.
    const Xapian::Database db(options.db.string());
    Xapian::QueryParser parser;
    parser.set_database(db);
    // The same query finds what the text does hold: a thread's title, as a phrase.
    {
        Xapian::Enquire enquire(db);
        enquire.set_query(
            parser.parse_query("\"selecting a row does not fetch data\"", Xapian::QueryParser::FLAG_PHRASE));
        CHECK(enquire.get_mset(0, 1).size() == 1);
    }
    std::vector<std::string> found;
    for (const std::string& name : authors) {
        const Xapian::Query query =
            parser.parse_query("\"" + kb::Normaliser().fold(name) + "\"", Xapian::QueryParser::FLAG_PHRASE);
        if (query.empty()) continue;  // a name with no letters or digits ("???")
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        const Xapian::MSet hits = enquire.get_mset(0, 1);
        if (!hits.empty()) found.push_back(name + " -> document " + std::to_string(*hits.begin()));
    }
    INFO(found.size() << " of " << authors.size() << " author names found, e.g. " << (found.empty() ? "" : found[0])
                      << (found.size() > 1 ? ", " + found[1] : "") << (found.size() > 2 ? ", " + found[2] : ""));
    CHECK(found.empty());
}
