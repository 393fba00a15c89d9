// QueryBuilder as a table: raw query -> the Xapian query a search runs (its description), over a
// small real database that knows one code and one synonym group, as xapian-core's queryparser
// tests do.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "indexer/schema/schema.h"
#include "indexer/text/stop_words.h"
#include "server/search/query_builder.h"
#include "tests/support/temporary_directory.h"

namespace {

struct Case {
    const char* raw;
    bool partial;
    std::vector<std::string> chosen_products;
    const char* match;   // BuiltQuery::match description
    const char* facets;  // BuiltQuery::facets description ("Query()" when it is `match` itself)
};

}  // namespace

TEST_CASE("query builder: raw query to Xapian query", "[unit]") {
    kb::test::TemporaryDirectory dir;
    {
        Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::Document doc;
        for (const char* term : {"XCODE500121", "XCODEaadsts500121", "Zoutlook", "outlook"}) doc.add_term(term);
        db.add_document(doc);
        db.add_synonym("mfa", "two step verification");
        db.add_synonym("mfa", "2fa");
        db.commit();
    }
    const Xapian::Database db((dir / "db").string());
    const Xapian::Stem stemmer(kb::schema::kStemmerLanguage);
    Xapian::SimpleStopper stopper;
    for (std::string_view word : kb::kEnglishStopWords) stopper.add(std::string(word));
    const kb::QueryBuilder builder(db, stemmer, stopper);
    const kb::QueryUnderstanding understanding;

    static const Case kCases[] = {
        // Words are stemmed and OR-ed; stop words go.
        {"outlook password", false, {}, "Query((Zoutlook@1 OR Zpassword@2))", "Query()"},
        {"the outlook", false, {}, "Query(Zoutlook@2)", "Query()"},
        // A known code: all its keys, above any word; its written forms ride along unweighted
        // so snippets mark them.
        {"AADSTS500121",
         false,
         {},
         "Query((3 * (XCODEaadsts500121 OR XCODE500121) AND_MAYBE 0 * (500121 OR aadsts500121)))",
         "Query()"},
        // A number no thread has as a code is searched as a word too.
        {"error 2016 outlook",
         false,
         {},
         "Query((((Zerror@1 OR Zoutlook@2) OR 3 * (XCODE2016 OR 2016)) AND_MAYBE 0 * (2016 OR aadsts2016)))",
         "Query()"},
        // code:X filters without weight.
        {"code:500121 outlook",
         false,
         {},
         "Query(((Zoutlook@1 FILTER 0 * XCODE500121) AND_MAYBE 0 * (500121 OR aadsts500121)))",
         "Query()"},
        // Exclusions: words, products.
        {"outlook -password", false, {}, "Query((Zoutlook@1 AND_NOT Zpassword@1))", "Query()"},
        {"outlook -product:teams", false, {}, "Query((Zoutlook@1 AND_NOT XPRODUCTteams))", "Query()"},
        // A stop word is never excluded ("-the" would drop every thread).
        {"outlook -the", false, {}, "Query(Zoutlook@1)", "Query()"},
        // product:x in the query filters the facets too; the page's choice does not.
        {"product:outlook sync", false, {}, "Query((Zsync@1 FILTER XPRODUCToutlook))", "Query()"},
        {"sync",
         false,
         {"microsoft-365-and-office-outlook"},
         "Query((Zsync@1 FILTER XPRODUCTmicrosoft-365-and-office-outlook))",
         "Query(Zsync@1)"},
        // Phrases, and a stray quote that the parser reads as words.
        {"\"send receive\"", false, {}, "Query((send@1 PHRASE 2 receive@2))", "Query()"},
        {"outlook \"send", false, {}, "Query((Zoutlook@1 OR send@2))", "Query()"},
        // Synonyms: the other forms as one OP_SYNONYM, below the typed words.
        {"mfa codes",
         false,
         {},
         "Query(((Zmfa@1 OR Zcode@2) OR 0.5999999999999999778 * (2fa@1 SYNONYM (two@1 PHRASE 3 step@2 PHRASE 3 "
         "verification@3))))",
         "Query()"},
        // As-you-type: the last word also matches as a prefix.
        {"outlook pass", true, {}, "Query((Zoutlook@1 OR (WILDCARD SYNONYM pass OR Zpass@2)))", "Query()"},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.raw, c.partial);
        const kb::UnderstoodQuery understood = understanding.understand(c.raw);
        const unsigned flags =
            kb::QueryBuilder::kQueryFlags | (c.partial ? unsigned(Xapian::QueryParser::FLAG_PARTIAL) : 0u);
        const kb::BuiltQuery built = builder.build(understood, understood.text, flags, c.partial, c.chosen_products);
        CHECK(built.match.get_description() == c.match);
        CHECK(built.facets.get_description() == c.facets);
    }
}

TEST_CASE("query builder: either() skips empty queries", "[unit]") {
    const Xapian::Query a("a"), b("b"), none;
    CHECK(kb::QueryBuilder::either(a, none).get_description() == "Query(a)");
    CHECK(kb::QueryBuilder::either(none, b).get_description() == "Query(b)");
    CHECK(kb::QueryBuilder::either(a, b).get_description() == "Query((a OR b))");
    CHECK(kb::QueryBuilder::either(none, none).empty());
}
