// Normaliser: the same word in different code points folds to one form.
#include <catch2/catch.hpp>

#include "indexer/text/normaliser.h"

TEST_CASE("fold makes look-alike spellings equal", "[unit]") {
    const kb::Normaliser n;
    struct Row {
        std::string a, b;
    };
    const auto row = GENERATE(values<Row>({
        {"re-register", "re\u2011register"},  // non-breaking hyphen
        {"6-digit", "6\u2011digit"},
        {"6-digit", "\uFF16-digit"},          // full-width digit
        {"re-register", "re\u2013register"},  // en dash
        {"it's", "it\u2019s"},                // curly apostrophe
        {"Straße", "STRASSE"},                // full case folding, not just lower-casing
        {"ﬁle", "file"},                      // ligature
        {"a b", "a\u00A0b"},                  // no-break space
        {"zero width", "zero\u200B width"},
    }));
    CAPTURE(row.a, row.b);
    CHECK(n.fold(row.a) == n.fold(row.b));
}

TEST_CASE("clean keeps case and line structure, repairs invalid UTF-8", "[unit]") {
    const kb::Normaliser n;
    CHECK(n.clean("Hello\r\nWorld") == "Hello\nWorld");
    CHECK(n.clean("Tab\tkept") == "Tab\tkept");
    CHECK(n.clean("MFA") == "MFA");
    const std::string repaired = n.clean("bad \xff byte");
    CHECK(kb::Normaliser::is_valid_utf8(repaired));
    CHECK_FALSE(kb::Normaliser::is_valid_utf8("bad \xff byte"));
    CHECK(kb::Normaliser::is_valid_utf8("José"));
}
