// Small byte-level string helpers shared by every library: ASCII case, trimming, digits, word
// keys and HTML entities. They never look inside UTF-8 sequences (bytes >= 0x80 pass through).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb {

// Classification of one byte, safe on UTF-8 bytes (std::isdigit on a negative char is UB).
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_alnum(char c) { return is_ascii_digit(c) || is_ascii_alpha(c); }
inline bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Non-empty and every byte a digit.
bool all_digits(std::string_view s);

// ASCII letters lowered (raised); other bytes as they are.
std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);

// `s` without leading and trailing bytes from `chars` (by default, ASCII white space).
std::string_view trim(std::string_view s, std::string_view chars = " \t\n\v\f\r");

// The runs of letters and digits of folded text (every byte >= 0x80 counts as a letter),
// joined by `separator`: the key form of a product name ('-') or a synonym phrase (' ').
std::string join_words(std::string_view folded, char separator);

// The same runs, ASCII-lowered, as separate words ("Can't sync OneDrive" -> can, t, sync, onedrive).
std::vector<std::string> lowered_words(std::string_view text);

// &lt; &gt; &quot; &#39; &nbsp; &amp; decoded in one pass (so "&amp;lt;" gives "&lt;").
std::string decode_html_entities(std::string_view text);

// The start of `text`, at most `limit` bytes, cut at a space (so never inside a word or a
// UTF-8 sequence); all of it when it is short enough.
std::string_view leading_part(std::string_view text, std::size_t limit);

// `text` safe to echo in a message or a log line: control characters (C0, DEL, C1), line and
// paragraph separators and bidirectional overrides are written as escapes (\n, \x1b, \u202e), and
// so is a byte that is not UTF-8 (\xff). A file name, an id or an error from input then cannot
// end the line, forge another, or move the terminal's cursor.
std::string printable(std::string_view text);

// Whether `text` holds anything printable() would escape.
bool has_control_characters(std::string_view text);

// The start of `text`, at most `limit` bytes, cut after its last whitespace there (so never
// inside a word); inside a word only when the start has no whitespace, and then never inside
// a UTF-8 sequence. All of it when it is short enough.
std::string_view cut_at_word(std::string_view text, std::size_t limit);

// A JSON library message for a person: nlohmann's start with a tag ("[json.exception.parse_error.101] ")
// that says nothing to the reader; the rest says what and where.
std::string without_json_library_tag(std::string_view message);

}  // namespace kb
