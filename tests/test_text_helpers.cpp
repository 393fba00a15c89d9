// printable() and cut_at_word(), as tables: what a message may echo of its input, and where a
// field past its limit is cut.
#include <string>

#include <catch2/catch.hpp>

#include "indexer/text/text_helpers.h"

TEST_CASE("printable escapes what could end a line, forge one or move the cursor, and nothing else", "[unit]") {
    const auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"plain file.jsonl", "plain file.jsonl"},
        {"a\nb", "a\\nb"},
        {"a\r\nb\t", "a\\r\\nb\\t"},
        {"\x1b[31mred", "\\x1b[31mred"},
        {std::string("nul\0byte", 8), "nul\\x00byte"},
        {"del\x7f", "del\\x7f"},
        {"c1 \xc2\x85 next line", "c1 \\u0085 next line"},
        {"line sep \xe2\x80\xa8", "line sep \\u2028"},
        {"bidi \xe2\x80\xae"
         "cod.exe",
         "bidi \\u202ecod.exe"},
        {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"},
        {"bad \xff byte", "bad \\xff byte"},
        {"cut \xe2\x82", "cut \\xe2\\x82"},
        {"overlong \xc0\xaf", "overlong \\xc0\\xaf"},
    }));
    CAPTURE(input);
    CHECK(kb::printable(input) == expected);
    CHECK(kb::has_control_characters(input) == (input != expected));
}

TEST_CASE("cut_at_word cuts after the last whitespace within the limit, never inside UTF-8", "[unit]") {
    const auto [input, limit, expected] = GENERATE(table<std::string, std::size_t, std::string>({
        {"short enough", 20, "short enough"},
        {"printer spooler stopped", 18, "printer spooler"},
        {"printer spooler stopped", 15, "printer spooler"},
        {"printer spooler stopped", 14, "printer"},
        {"printer spooler stopped", 16, "printer spooler"},
        {"one\nline two", 6, "one"},
        {"abcdefghij", 4, "abcd"},
        {"caf\xc3\xa9\xc3\xa9\xc3\xa9", 4, "caf"},
        {"caf\xc3\xa9\xc3\xa9\xc3\xa9", 5, "caf\xc3\xa9"},
        {"caf\xc3\xa9\xc3\xa9\xc3\xa9", 6, "caf\xc3\xa9"},
    }));
    CAPTURE(input, limit);
    CHECK(std::string(kb::cut_at_word(input, limit)) == expected);
}
