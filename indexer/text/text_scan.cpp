#include "indexer/text/text_scan.h"

#include <algorithm>

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "indexer/text/errors.h"

namespace kb::text_scan {

using re2::RE2;

std::unique_ptr<RE2> compile_pattern(const std::string& pattern) {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok()) throw Error("bad pattern (" + re->error() + "): " + pattern);
    return re;
}

UChar32 code_point_before(std::string_view text, std::size_t at) {
    if (at == 0) return -1;
    auto i = static_cast<int32_t>(at);
    UChar32 c;
    U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
    return c;
}
UChar32 code_point_at(std::string_view text, std::size_t at) {
    if (at >= text.size()) return -1;
    auto i = static_cast<int32_t>(at);
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    return c;
}
std::size_t next_code_point(std::string_view text, std::size_t at) {
    if (at >= text.size()) return text.size() + 1;
    auto i = static_cast<int32_t>(at);
    U8_FWD_1(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()));
    return static_cast<std::size_t>(i);
}

bool is_letter_or_number(UChar32 c) { return c >= 0 && (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0; }
bool is_word_character(UChar32 c) {
    return c >= 0 && (u_isUAlphabetic(c) || (U_GET_GC_MASK(c) & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0);
}

bool stands_alone(std::string_view text, std::size_t start, std::size_t end) {
    return !is_word_character(code_point_before(text, start)) && !is_word_character(code_point_at(text, end));
}

std::size_t count_digits(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

}  // namespace kb::text_scan
