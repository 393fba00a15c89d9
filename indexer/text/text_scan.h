// text_scan: the UTF-8 stepping, word-boundary tests and RE2 compiling the PII passes share:
// RE2 has no look-around, so a pass checks in code what "not inside a word" means around a match.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <unicode/umachine.h>

namespace re2 {
class RE2;
}

namespace kb::text_scan {

// Compiles a pattern; throws Error naming it when RE2 refuses it.
std::unique_ptr<re2::RE2> compile_pattern(const std::string& pattern);

// The code point before byte `at` and the one starting at it; -1 at either end of the text.
UChar32 code_point_before(std::string_view text, std::size_t at);
UChar32 code_point_at(std::string_view text, std::size_t at);
// The byte after the code point at `at`; text.size() + 1 at the end.
std::size_t next_code_point(std::string_view text, std::size_t at);

bool is_letter_or_number(UChar32 c);
// What ICU's \w takes: letters, marks, digits, connector punctuation.
bool is_word_character(UChar32 c);
// A match that does not stand inside a word: what (?<!\w)...(?!\w) said.
bool stands_alone(std::string_view text, std::size_t start, std::size_t end);

std::size_t count_digits(std::string_view s);

}  // namespace kb::text_scan
