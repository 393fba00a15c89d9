// QueryUnderstanding: a raw query read into the text for Xapian's parser, error codes (ranking,
// code:X filters, -X exclusions), -word/-"phrase" exclusions and product: filters; and the
// queries it refuses. Tables of raw query -> every field, like xapian-core's api_queryparser.cc.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "indexer/text/errors.h"
#include "server/search/query_understanding.h"

namespace {

std::string describe(const std::vector<kb::ErrorCode>& codes) {
    std::string out;
    for (const kb::ErrorCode& code : codes) {
        if (!out.empty()) out += ' ';
        out += code.display + '{';
        for (std::size_t i = 0; i < code.keys.size(); ++i) out += (i ? "," : "") + code.keys[i];
        out += '}';
    }
    return out;
}

std::string describe(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : ",") + w;
    return out;
}

// Every field of an UnderstoodQuery on one line; empty fields are left out, the text never is:
//   text="error authenticator" codes=500121{500121}
std::string describe(const kb::UnderstoodQuery& q) {
    std::string out = "text=\"" + q.text + "\"";
    auto field = [&out](const char* name, const std::string& value) {
        if (!value.empty()) out += std::string(" ") + name + "=" + value;
    };
    field("codes", describe(q.codes));
    field("required_codes", describe(q.required_codes));
    field("excluded_codes", describe(q.excluded_codes));
    field("excluded_words", describe(q.excluded_words));
    field("product_keys", describe(q.product_keys));
    field("excluded_product_keys", describe(q.excluded_product_keys));
    return out;
}

struct Understood {
    const char* raw;
    const char* expected;
};

}  // namespace

TEST_CASE("query understanding: raw query -> text, codes, exclusions and filters", "[unit]") {
    // clang-format off
    static const Understood kTable[] = {
        // Plain words: folded (full Unicode case folding, NFKC, dashes), nothing else.
        {"Outlook password",                    R"(text="outlook password")"},
        {"  outlook \t password  ",              R"(text="outlook password")"},
        {"Straße",                              R"(text="strasse")"},
        {"re\u2011register \uFB01le",            R"(text="re-register file")"},
        {"123 outlook",                         R"(text="123 outlook")"},          // 3 digits: a word, not a code
        // Error codes in every written form: out of the text, display form and canonical keys.
        {"AADSTS500121",                        R"(text="" codes=AADSTS500121{aadsts500121,500121})"},
        {"aadsts500121 authenticator",          R"(text="authenticator" codes=AADSTS500121{aadsts500121,500121})"},
        {"0x80070005",                          R"(text="" codes=0x80070005{80070005})"},
        {"0X80070005",                          R"(text="" codes=0x80070005{80070005})"},
        {"80070005 excel",                      R"(text="excel" codes=0x80070005{80070005})"},
        {"caa70004 teams",                      R"(text="teams" codes=0xCAA70004{caa70004})"},
        {"error 500121 authenticator",          R"(text="error authenticator" codes=500121{500121})"},
        {"STATUS_ACCESS_VIOLATION edge",        R"(text="edge" codes=STATUS_ACCESS_VIOLATION{status_access_violation})"},
        {"(AADSTS500121), again",               R"(text="again" codes=AADSTS500121{aadsts500121,500121})"},
        {"\uFF21\uFF21\uFF24\uFF33\uFF34\uFF33\uFF15\uFF10\uFF10\uFF11\uFF12\uFF11",
                                                R"(text="" codes=AADSTS500121{aadsts500121,500121})"},  // full-width
        {"AADSTS500121 0x80070005",             R"(text="" codes=AADSTS500121{aadsts500121,500121} 0x80070005{80070005})"},
        // code:X keeps only threads with the code; -X and -code:X drop them.
        {"code:0x80070005",                     R"(text="" required_codes=0x80070005{80070005})"},
        {"Code:AADSTS500121 sign in",           R"(text="sign in" required_codes=AADSTS500121{aadsts500121,500121})"},
        {"code:500121 code:80070005 x",         R"(text="x" required_codes=500121{500121} 0x80070005{80070005})"},
        {"sign in -AADSTS500121",               R"(text="sign in" excluded_codes=AADSTS500121{aadsts500121,500121})"},
        {"excel -code:80070005",                R"(text="excel" excluded_codes=0x80070005{80070005})"},
        {"excel -STATUS_ACCESS_VIOLATION",      R"(text="excel" excluded_codes=STATUS_ACCESS_VIOLATION{status_access_violation})"},
        // -word and -"a phrase": excluded, folded; a phrase keeps its quotes for the phrase parser.
        {"authenticator -Phone",                R"(text="authenticator" excluded_words=phone)"},
        {"outlook -\"Send Receive\"",            R"(text="outlook" excluded_words="send receive")"},
        {"outlook -password -prompt",           R"(text="outlook" excluded_words=password,prompt)"},
        {"outlook - password",                  R"(text="outlook - password")"},   // a lone '-' excludes nothing
        {"sign-in fails",                       R"(text="sign-in fails")"},        // an inner '-' is no exclusion
        // product:X and -product:X, as product keys; a quoted value keeps its spaces.
        {"product:outlook password",            R"(text="password" product_keys=outlook)"},
        {"product:Outlook password",            R"(text="password" product_keys=outlook)"},
        {"vpn product:\"Linux client\"",         R"(text="vpn" product_keys=linux-client)"},
        {"save -product:excel",                 R"(text="save" excluded_product_keys=excel)"},
        {"save product:excel product:word",     R"(text="save" product_keys=excel,word)"},
        {"product:outlook",                     R"(text="" product_keys=outlook)"},  // a filter alone is a search
        // Quotes are passed on to the phrase parser, folded.
        {"\"Network Share\"",                   R"(text=""network share"")"},
        {"\"send AND receive\" outlook",        R"(text=""send and receive" outlook")"},
        // AND/OR/NOT (and XOR, NEAR, ADJ) in capitals are operators, kept; in lower case they are words.
        {"outlook AND password",                R"(text="outlook AND password")"},
        {"outlook OR excel NOT teams",          R"(text="outlook OR excel NOT teams")"},
        {"outlook and password",                R"(text="outlook and password")"},
        {"Outlook Or Excel",                    R"(text="outlook or excel")"},
        {"outlook NEAR password",               R"(text="outlook NEAR password")"},
        {"NOT AND outlook OR",                  R"(text="NOT AND outlook OR")"},
        {"AADSTS500121 OR 0x80070005",          R"(text="OR" codes=AADSTS500121{aadsts500121,500121} 0x80070005{80070005})"},
    };
    // clang-format on
    const kb::QueryUnderstanding understanding;
    for (const Understood& row : kTable) {
        CAPTURE(row.raw);
        CHECK(describe(understanding.understand(row.raw)) == row.expected);
    }
}

TEST_CASE("query understanding: every code form ranks, filters or excludes by where it stands", "[unit]") {
    struct Form {
        const char* written;
        const char* described;
    };
    const Form form = GENERATE(values<Form>({
        {"AADSTS500121", "AADSTS500121{aadsts500121,500121}"},
        {"aadsts50076", "AADSTS50076{aadsts50076,50076}"},
        {"0x80070005", "0x80070005{80070005}"},
        {"80070005", "0x80070005{80070005}"},
        {"C004F074", "0xC004F074{c004f074}"},
        {"500121", "500121{500121}"},
        {"STATUS_ACCESS_VIOLATION", "STATUS_ACCESS_VIOLATION{status_access_violation}"},
    }));
    const kb::QueryUnderstanding understanding;
    CAPTURE(form.written);
    const std::string code = form.written;
    CHECK(describe(understanding.understand("word " + code)) == "text=\"word\" codes=" + std::string(form.described));
    CHECK(describe(understanding.understand("word code:" + code)) ==
          "text=\"word\" required_codes=" + std::string(form.described));
    CHECK(describe(understanding.understand("word -" + code)) ==
          "text=\"word\" excluded_codes=" + std::string(form.described));
    CHECK(describe(understanding.understand("word -code:" + code)) ==
          "text=\"word\" excluded_codes=" + std::string(form.described));
}

TEST_CASE("query understanding: queries it refuses with QueryError", "[unit]") {
    struct Refused {
        std::string raw;
        const char* reason;
    };
    const std::string e_acute = "\xC3\xA9";
    std::string over_in_bytes;  // 1,025 characters, 2,050 bytes: the limit is in bytes
    for (int i = 0; i < 1025; ++i) over_in_bytes += e_acute;
    // clang-format off
    const std::vector<Refused> kRefused{
        {"",                               "empty"},
        {"   ",                            "empty"},
        {"\t\n",                           "empty"},
        {"\u200B\u200B",                   "empty"},             // zero-width only: nothing left once cleaned
        {std::string(2049, 'a'),           "the limit is 2048"},
        {over_in_bytes,                    "the limit is 2048"},
        {"outlook \xFF\xFE",               "not valid UTF-8"},
        {"outlook \xC3",                   "not valid UTF-8"},   // truncated sequence
        {"\xC0\xAF",                       "not valid UTF-8"},   // overlong '/'
        {"\xED\xA0\x80",                   "not valid UTF-8"},   // UTF-16 surrogate
        {"AND OR NOT",                     "no words"},
        {"((",                             "no words"},
        {"-",                              "no words"},
        {"\"\"",                           "no words"},
        {"-outlook",                       "only excludes"},
        {"-AADSTS500121",                  "only excludes"},
        {"-code:80070005 -\"send receive\"", "only excludes"},
        {"-product:outlook",               "only excludes"},
        {"code:hello outlook",             "not an error code"},
    };
    // clang-format on
    const kb::QueryUnderstanding understanding;
    for (const Refused& row : kRefused) {
        CAPTURE(row.raw.substr(0, 40), row.reason);
        CHECK_THROWS_AS(understanding.understand(row.raw), kb::QueryError);
        CHECK_THROWS_WITH(understanding.understand(row.raw), Catch::Contains(row.reason));
    }
    // Just inside the limits is accepted.
    CHECK(understanding.understand(std::string(2048, 'a')).text == std::string(2048, 'a'));
    std::string at_limit_in_bytes;
    for (int i = 0; i < 1024; ++i) at_limit_in_bytes += e_acute;
    CHECK(understanding.understand(at_limit_in_bytes).text == at_limit_in_bytes);
}

TEST_CASE("is_query_operator: Xapian's operators, in capitals only", "[unit]") {
    const auto [token, expected] = GENERATE(table<std::string, bool>({
        {"AND", true},
        {"OR", true},
        {"NOT", true},
        {"XOR", true},
        {"NEAR", true},
        {"ADJ", true},
        {"and", false},
        {"Or", false},
        {"not", false},
        {"near", false},
        {"ANDROID", false},
        {"AN", false},
        {"AND ", false},
        {"", false},
        {"-NOT", false},
    }));
    CAPTURE(token);
    CHECK(kb::is_query_operator(token) == expected);
}
