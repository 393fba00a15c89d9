// ErrorCodes: every written form of a code meets its canonical keys.
#include <catch2/catch.hpp>

#include "indexer/text/error_codes.h"

namespace {

std::vector<std::string> keys_in(const std::string& text) {
    std::vector<std::string> keys;
    for (const auto& code : kb::ErrorCodes().extract(text))
        for (const auto& key : code.keys) keys.push_back(key);
    return keys;
}

}  // namespace

TEST_CASE("codes in text get canonical keys", "[unit]") {
    struct Row {
        std::string text;
        std::vector<std::string> keys;
    };
    const auto row = GENERATE(values<Row>({
        {"Error Code: 500121", {"500121"}},
        {"failed with AADSTS500121.", {"aadsts500121", "500121"}},
        {"error 0x80070005 again", {"80070005"}},
        {"access denied 80070005", {"80070005"}},
        {"Teams shows caa70004", {"caa70004"}},
        {"activation 0xC004F074", {"c004f074"}},
        {"crash STATUS_ACCESS_VIOLATION in Edge", {"status_access_violation"}},
        {"error code 50076 then code 50079", {"50076", "50079"}},
        {"I waited 500121 seconds", {}},  // a bare number needs "error"/"code"
        {"on 2026-05-30 at 10:53", {}},
        {"the deadbeef value", {}},
        // One code written two ways is one code, in its fuller form, wherever that stands.
        {"error 500121 in the app, AADSTS500121 in the browser", {"aadsts500121", "500121"}},
        {"AADSTS500121 then Error Code: 500121", {"aadsts500121", "500121"}},
        {"0x80070005 and 80070005", {"80070005"}},
        // Shapes beyond Microsoft's: VPN and stop-code names, a product's prefixed hex, short
        // numbers after "error".
        {"the tunnel logs IKE_REKEY_FAILED twice", {"ike_rekey_failed"}},
        {"the app says AUTH_0x2F on start", {"auth_0x2f"}},
        {"VPN error 809 on connect", {"809"}},
        {"a blue screen, CRITICAL_PROCESS_DIED", {"critical_process_died"}},
        {"under HKEY_LOCAL_MACHINE and MAX_PATH", {}},
        {"I have 809 photos", {}},
    }));
    CAPTURE(row.text);
    CHECK(keys_in(row.text) == row.keys);
}

TEST_CASE("query tokens read as codes meet the indexed keys", "[unit]") {
    const kb::ErrorCodes codes;
    struct Row {
        std::string indexed, queried;
    };
    const auto row = GENERATE(values<Row>({
        {"AADSTS500121", "500121"},
        {"Error code 500121", "AADSTS500121"},
        {"0x80070005", "80070005"},
        {"error 80070005", "0x80070005"},
        {"CAA70004", "caa70004"},
    }));
    CAPTURE(row.indexed, row.queried);
    const auto indexed = kb::ErrorCodes().extract(row.indexed);
    REQUIRE(indexed.size() == 1);
    const auto query = codes.from_query_token(row.queried);
    REQUIRE(query);
    bool shared = false;
    for (const auto& k : query->keys)
        for (const auto& j : indexed[0].keys) shared = shared || k == j;
    CHECK(shared);
    CHECK_FALSE(codes.from_query_token("authenticator"));
    CHECK_FALSE(codes.from_query_token("12"));
    CHECK_FALSE(codes.from_query_token("365"));  // "office 365"
    REQUIRE(codes.from_query_token("IKE_REKEY_FAILED"));
    CHECK(codes.from_query_token("auth_0x2f") == std::nullopt);  // typed in lower case: a word
    REQUIRE(codes.from_query_token("AUTH_0x2F"));
    CHECK(codes.from_query_token("AUTH_0x2F")->keys == std::vector<std::string>{"auth_0x2f"});
}

TEST_CASE("an eight-digit hex code is shown one way however it was written", "[unit]") {
    const kb::ErrorCodes codes;
    for (const std::string text : {"error 0x80070005", "error 80070005", "code 0X80070005"}) {
        const auto found = codes.extract(text);
        REQUIRE(found.size() == 1);
        CHECK(found[0].display == "0x80070005");
    }
    for (const std::string text : {"Teams shows caa70004", "Teams shows 0xCAA70004", "Teams shows CAA70004"}) {
        const auto found = codes.extract(text);
        REQUIRE(found.size() == 1);
        CHECK(found[0].display == "0xCAA70004");
    }
    CHECK(codes.extract("AADSTS500121")[0].display == "AADSTS500121");
}

TEST_CASE("a code's spelled forms are the words a text writes it with", "[unit]") {
    const kb::ErrorCodes codes;
    using Forms = std::vector<std::string>;
    // A moderator types the number; the thread says AADSTS500121.
    CHECK(kb::spelled_forms(*codes.from_query_token("500121")) == Forms{"500121", "aadsts500121"});
    CHECK(kb::spelled_forms(*codes.from_query_token("AADSTS50076")) == Forms{"50076", "aadsts50076"});
    CHECK(kb::spelled_forms(*codes.from_query_token("80070005")) == Forms{"0x80070005", "80070005"});
    CHECK(kb::spelled_forms(*codes.from_query_token("STATUS_ACCESS_VIOLATION")) == Forms{"status_access_violation"});
}
